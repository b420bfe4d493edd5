import { defineConfig } from 'vitest/config';
import { sourceCondition } from './tools/vite-source-condition.ts';

// Two projects: `unit` (compiler, runtime, CLI, site build; Node only) and `e2e`
// (the built site in Debian's Chromium). `npm test` runs both.
// Site code imports the compiler as `dlc`, `dlc/runtime`, `dlc/emit`: the `source` export
// condition resolves those to the TypeScript sources, not the package's build/.
export default defineConfig({
  plugins: [sourceCondition()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
