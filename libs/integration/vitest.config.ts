import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Starting node-llama-cpp takes seconds (it tests its native binary first), more on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
