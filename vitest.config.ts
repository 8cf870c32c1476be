import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // Builds the template databases storage tests clone (src/db/testing.ts).
    globalSetup: ['test/db-global-setup.ts', 'test/browser-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
