import { app, BrowserWindow, dialog, screen } from 'electron';
import path from 'node:path';
import { type Core, startCore } from '../core';
import { resolveDataDir } from '../core/dataDir';
import { pickNativeBinding } from '../core/db/nativeBinding';
import { registerIpc } from './ipc';
import { openFolderInShell, safeStorageSecrets } from './secrets';
import { rendererIndexPath, rendererIndexUrl } from './policy';
import { hardenBeforeReady, hardenSessionAndContents, secureWebPreferences } from './security';
import { loadWindowState, MIN_SIZE, saveWindowState } from './windowState';

/**
 * The Electron shell: one window over the same core browser mode uses. Thin on purpose:
 * security lives in security.ts, the transport in ipc.ts, everything else in electron/core.
 */

const APP_ID = 'org.fieldbook.app';
/** The project root in development, the app.asar in a package: out/ sits inside either. */
const appRoot = app.getAppPath();
const indexUrl = rendererIndexUrl(appRoot);

// Electron's own files (session, cache, the single-instance lock) live beside the database,
// so FIELDBOOK_DATA_DIR moves everything. Must happen before anything reads userData.
const dataDir = resolveDataDir();
app.setPath('userData', dataDir);
app.setAppUserModelId(APP_ID); // Windows: taskbar grouping and notifications use this id.
hardenBeforeReady();

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function fail(title: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  dialog.showErrorBox(title, `${message}\n\nData folder: ${dataDir}`);
  app.exit(1);
}

function openCore(): Core | null {
  try {
    const nativeBinding = pickNativeBinding({ electron: process.versions.electron, isPackaged: app.isPackaged, appRoot });
    // Dates and times follow the system's regional format, which may differ from the language of the menus.
    return startCore({ dataDir, mode: 'electron', nativeBinding, secrets: safeStorageSecrets, openFolder: openFolderInShell, locale: app.getSystemLocale() });
  } catch (err) {
    // E.g. a database written by a newer Fieldbook (AppError 'database_too_new'): refuse, touch nothing.
    fail('Fieldbook cannot open its data', err);
    return null;
  }
}

function createWindow(): void {
  const primary = screen.getPrimaryDisplay(); // first: an unplaced window opens there
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const state = loadWindowState(dataDir, displays.map((d) => d.workArea));
  // The audit cannot follow secureWebPreferences() (security.ts): it sets sandbox, contextIsolation
  // and no nodeIntegration, and disables Auxclick, for every window; shell.test.ts checks each one.
  const win = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    width: state.width,
    height: state.height,
    x: state.x,
    y: state.y,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Fieldbook',
    show: false, // shown once painted, so the person never sees a blank white frame
    webPreferences: secureWebPreferences(path.join(appRoot, 'out', 'preload', 'index.cjs')),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  win.loadFile(rendererIndexPath(appRoot)).catch((err) => fail('Fieldbook could not show its window', err));
}

// One Fieldbook at a time: two processes writing one database would fight over it.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    core = openCore();
    if (!core) return;
    hardenSessionAndContents(indexUrl);
    registerIpc(core, indexUrl);
    createWindow();
    // macOS keeps apps running without windows; clicking the dock icon opens one again.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
}
