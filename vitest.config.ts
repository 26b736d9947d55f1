import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: run files in two forks; wasm and sharp are not thread-safe across vitest threads.
    pool: 'forks',
    maxWorkers: 2,
  },
});
