#!/usr/bin/env node
// The npm bin (`npx bench-kit`): registers tsx (the workspace has no build step) and runs the
// TypeScript CLI. The benchmark processes it starts get --expose-gc themselves.
import { register } from 'tsx/esm/api';

register();
await import('./bench-kit.ts');
