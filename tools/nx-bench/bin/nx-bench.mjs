#!/usr/bin/env node
// The bench target's command. Executable itself (not `node …`) because `nx bench <p> --help` runs
// the command's first word with --help: this way that prints bench-kit's help, not node's.
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
