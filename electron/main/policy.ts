import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The Electron shell's security decisions as pure functions (no 'electron' import), so node
 * tests cover exactly what security.ts and ipc.ts enforce.
 */

/** The renderer's entry, as electron-vite emits it inside the app (or its asar). */
export const rendererIndexPath = (appRoot: string): string => path.join(appRoot, 'out', 'renderer', 'index.html');
export const rendererIndexUrl = (appRoot: string): string => pathToFileURL(rendererIndexPath(appRoot)).href;

function withoutHashAndQuery(url: string): string | null {
  try {
    const u = new URL(url);
    u.hash = '';
    u.search = '';
    return u.href;
  } catch {
    return null;
  }
}

/** True only for our own renderer page (any #route or ?query on it): the one page the app shows and trusts. */
export function isOwnRendererUrl(url: string | undefined | null, indexUrl: string): boolean {
  if (!url || !indexUrl.startsWith('file:')) return false;
  const given = withoutHashAndQuery(url);
  return given !== null && given === withoutHashAndQuery(indexUrl);
}

/** The window never leaves the app: any navigation elsewhere (a dropped file, a link, a redirect) is refused. */
export const isAllowedNavigation = (url: string, indexUrl: string): boolean => isOwnRendererUrl(url, indexUrl);

/**
 * A link the person clicked that may open in their own browser: https only, so neither file:,
 * javascript:, custom protocol handlers nor plain http can be launched from the app.
 */
export function externalLinkToOpen(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname !== '' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Permissions the renderer may have. Empty on purpose: Fieldbook needs no camera, microphone,
 * location, notifications or clipboard-read; add a name here only with a reason beside it.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = [];

export const permissionDecision = (permission: string): boolean => ALLOWED_PERMISSIONS.includes(permission);
