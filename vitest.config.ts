import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Three levels: core in Node, components in jsdom, journeys in real Chromium (tests/run.ts decides whether e2e runs). */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', environment: 'node', include: ['tests/node/**/*.test.ts'] } },
      {
        plugins: [react()],
        // Whole screens against the real core: on a busy two-core machine one test can take several seconds.
        test: { name: 'jsdom', environment: 'jsdom', include: ['tests/jsdom/**/*.test.tsx'], setupFiles: ['tests/jsdom/setup.ts'], testTimeout: 30_000 },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
