import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Model loading and index builds are real work; keep generous limits (no timing assertions).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
