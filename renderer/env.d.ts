import type { FieldbookClient } from '../shared/api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode, where api.ts builds the HTTP client. */
    fieldbook?: FieldbookClient;
  }
}

declare module '*.css';
