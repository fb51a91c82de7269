import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Three levels: core in Node, components in jsdom, journeys in real Chromium (tests/run.ts decides whether e2e runs). */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', environment: 'node', include: ['tests/node/**/*.test.ts'] } },
      {
        plugins: [react()],
        test: { name: 'jsdom', environment: 'jsdom', include: ['tests/jsdom/**/*.test.tsx'], setupFiles: ['tests/jsdom/setup.ts'] },
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
