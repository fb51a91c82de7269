import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/**
 * Lint enforces the process split: renderer/ and shared/ never import Node, the database or
 * Electron; only electron/main/ may import 'electron'.
 */
const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = {
  paths: [
    ...nodeModules.map((name) => ({ name, message: 'renderer/ and shared/ run without Node: call the core through the contract in shared/api.ts.' })),
    { name: 'better-sqlite3', message: 'Only electron/core/ touches the database.' },
    { name: 'electron', message: 'Only electron/main/ may import electron.' },
  ],
  patterns: [{ group: ['**/electron/**', '!**/shared/**'], message: 'renderer/ and shared/ cannot reach into electron/: use the contract in shared/api.ts.' }],
};
const noElectron = {
  paths: [{ name: 'electron', message: "Only electron/main/ may import 'electron': the core and the browser-mode server run in plain Node." }],
  patterns: [{ group: ['**/electron/main/**', '**/main/*'], message: 'The core and server must not depend on the Electron shell.' }],
};

/** The district's side is a server of its own: it shares the package format in shared/, nothing of the app. */
const districtOnly = {
  paths: [
    { name: 'electron', message: 'district/ is a plain Node server: it never imports Electron.' },
    { name: 'better-sqlite3', message: 'district/ keeps its data in PostgreSQL (district/db), never in the app’s SQLite.' },
  ],
  patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'district/ may import shared/ (the package format), never electron/ or renderer/.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.electron-native/**', 'electron/build/**', 'tests/bench/.data/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  { files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', noNode] } },
  // The district's web view runs in the browser: like the renderer, it reaches its server only through district/contract.
  {
    files: ['district/web/**/*.{ts,tsx}', 'district/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noNode.paths,
        patterns: [{ group: ['**/electron/**', '**/renderer/**', '**/district/view/**', '**/district/db/**', '**/district/load/**', '**/district/package/**'], message: 'The district view reaches its server only through district/contract.' }],
      }],
    },
  },
  {
    files: ['district/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/contract/contract'], allowTypeImports: true, message: 'Only types from the contract here (its schemas would bring zod into the page): its values are in district/contract/routes.ts.' }],
      }],
    },
  },
  { files: ['electron/core/**/*.ts', 'electron/server/**/*.ts', 'electron/cli/**/*.ts'], rules: { 'no-restricted-imports': ['error', noElectron] } },
  { files: ['district/**/*.ts'], rules: { 'no-restricted-imports': ['error', districtOnly] } },
);
