import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

/**
 * One build for both modes: out/main (Electron shell), out/preload (CommonJS, as sandbox: true
 * requires) and out/renderer (the UI, also what browser mode serves).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/main/index.ts') },
        external: ['better-sqlite3'],
        // CommonJS, named as package.json "main" says (with "type": "module" the default would be ESM index.js);
        // a lazy import() becomes require(), which also reads packages inside app.asar.
        output: { format: 'cjs', entryFileNames: '[name].cjs', dynamicImportInCjs: false },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron' and a few built-ins: bundle the contract (and zod) into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: { outDir: resolve(__dirname, 'out/renderer'), emptyOutDir: true, rollupOptions: { input: resolve(__dirname, 'renderer/index.html') } },
  },
});
