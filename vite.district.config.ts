import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The leader tracking view, built to out/district-view, which `npm run district -- serve` serves. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'district/web'),
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: resolve(import.meta.dirname, 'out/district-view'), emptyOutDir: true },
});
