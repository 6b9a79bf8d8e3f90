import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Tests start servers, child processes and Locust: seconds each on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
