import { defineConfig } from 'vitest/config';

// The affected test clones the workspace and runs Nx in the clone; the generator test writes a
// lib into a temporary copy: both take seconds on a loaded machine, not milliseconds.
export default defineConfig({
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
