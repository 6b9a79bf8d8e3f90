#!/usr/bin/env node
// The npm bin: registers tsx (the workspace has no build step) and runs the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
await import('./bench-report.ts');
