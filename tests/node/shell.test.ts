import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { CALL_NAMES, IPC_CHANNEL } from '../../shared/api';
import { ELECTRON_NATIVE_DIR, electronBindingPath, pickNativeBinding } from '../../electron/core/db/nativeBinding';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { ensureElectron, installedElectronPath, summarizeFailure } from '../../electron/cli/electronBinary';
import { ensureElectronNativeBinding, envForElectronBuild } from '../../electron/cli/rebuild-electron';
import {
  externalLinkToOpen, isAllowedNavigation, isOwnRendererUrl, permissionDecision, rendererIndexPath, rendererIndexUrl,
} from '../../electron/main/policy';
import { fitToDisplays, loadWindowState, parseWindowState, WINDOW_STATE_FILE } from '../../electron/main/windowState';
import { tempDir } from './helpers';

/**
 * The Electron shell, tested without Electron: its decisions are pure functions, and the main
 * process and preload are loaded against a recording stand-in for the 'electron' module.
 */

type Listener = (...args: unknown[]) => unknown;
interface FakeWindow {
  options: { webPreferences?: Record<string, unknown> };
  handlers: Record<string, Listener[]>;
  loadFile: Mock;
}

const fake = vi.hoisted(() => {
  const state = {
    appOn: {} as Record<string, Listener[]>,
    windows: [] as FakeWindow[],
    ipcHandlers: {} as Record<string, Listener>,
    session: {} as Record<string, Listener> & { dictionaryUrl?: string },
    lock: true,
    appRoot: '/opt/fieldbook',
    // safeStorage: a keyring is there unless a test says otherwise.
    keyring: 'gnome_libsecret' as string,
    encryptionAvailable: true,
  };
  const app = {
    getAppPath: () => state.appRoot,
    setPath: vi.fn(),
    setAppUserModelId: vi.fn(),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: () => state.lock,
    whenReady: () => Promise.resolve(),
    on: (event: string, fn: Listener) => (state.appOn[event] ??= []).push(fn),
    quit: vi.fn(),
    exit: vi.fn(),
    isPackaged: false,
    // The system's regional format (menus in English, dates the British way).
    getSystemLocale: () => 'en-GB',
  };
  class BrowserWindow implements FakeWindow {
    static getAllWindows = () => state.windows;
    handlers: Record<string, Listener[]> = {};
    loadFile = vi.fn(() => Promise.resolve());
    options: FakeWindow['options'];
    constructor(options: FakeWindow['options']) {
      this.options = options;
      state.windows.push(this);
    }
    on(event: string, fn: Listener) {
      (this.handlers[event] ??= []).push(fn);
      return this;
    }
    once(event: string, fn: Listener) {
      return this.on(event, fn);
    }
    maximize = vi.fn();
    isMaximized = () => false;
    isMinimized = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
  }
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const electron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
    shell: { openExternal: vi.fn(() => Promise.resolve()), openPath: vi.fn((_p: string) => Promise.resolve('')) },
    safeStorage: {
      isEncryptionAvailable: () => state.encryptionAvailable,
      getSelectedStorageBackend: () => state.keyring,
      // Reversible but never the plain text, like the real thing.
      encryptString: vi.fn((s: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(s).reverse()])),
      decryptString: vi.fn((b: Buffer) => Buffer.from(b.subarray(3)).reverse().toString()),
    },
    ipcMain: { handle: (channel: string, fn: Listener) => (state.ipcHandlers[channel] = fn), removeHandler: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (state.session.request = fn),
        setPermissionCheckHandler: (fn: Listener) => (state.session.check = fn),
        setDevicePermissionHandler: (fn: Listener) => (state.session.device = fn),
        setSpellCheckerDictionaryDownloadURL: (url: string) => (state.session.dictionaryUrl = url),
        webRequest: { onHeadersReceived: (fn: Listener) => (state.session.headers = fn) },
      },
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(() => Promise.resolve({ ok: true, value: null })) },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
afterEach(() => vi.unstubAllEnvs());

describe('which better-sqlite3 binding each runtime loads', () => {
  const appRoot = path.join(path.sep, 'work', 'fieldbook');
  it('lets Node (tests, browser mode) use the module beside better-sqlite3', () => {
    expect(pickNativeBinding({ isPackaged: false, appRoot }, () => true)).toBeUndefined();
  });
  it('points Electron in development at the separate Electron build', () => {
    const p = pickNativeBinding({ electron: '45.4.1', isPackaged: false, appRoot }, () => true);
    expect(p).toBe(electronBindingPath(appRoot));
    expect(p).toContain(path.join(appRoot, ELECTRON_NATIVE_DIR, 'better-sqlite3'));
  });
  it('says what to run when that build is missing', () => {
    expect(() => pickNativeBinding({ electron: '45.4.1', isPackaged: false, appRoot }, () => false)).toThrow(/npm run rebuild:electron/);
  });
  it('trusts the package, which electron-builder rebuilt for its target', () => {
    expect(pickNativeBinding({ electron: '45.4.1', isPackaged: true, appRoot }, () => false)).toBeUndefined();
  });
});

describe('navigation, links and permissions', () => {
  const appRoot = path.resolve('/opt/fieldbook');
  const index = rendererIndexUrl(appRoot);

  it('accepts only our own renderer page, with any route on it', () => {
    expect(index).toBe(pathToFileURL(path.join(appRoot, 'out', 'renderer', 'index.html')).href);
    expect(isOwnRendererUrl(index, index)).toBe(true);
    expect(isAllowedNavigation(`${index}#/caseload`, index)).toBe(true);
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:5173/',
      pathToFileURL('/etc/passwd').href,
      pathToFileURL(path.join(appRoot, 'out', 'renderer', 'other.html')).href,
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAllowedNavigation(url, index), url).toBe(false);
    }
    expect(isOwnRendererUrl(undefined, index)).toBe(false);
    // An http page must never be trusted as "ours", even if its path matches.
    expect(isOwnRendererUrl('http://127.0.0.1/out/renderer/index.html', 'http://127.0.0.1/out/renderer/index.html')).toBe(false);
  });

  it('opens only https links in the person’s browser', () => {
    expect(externalLinkToOpen('https://www.wallacefoundation.org/x?y=1')).toBe('https://www.wallacefoundation.org/x?y=1');
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'mailto:a@b.org', 'https:', 'nonsense']) {
      expect(externalLinkToOpen(url), url).toBeNull();
    }
  });

  it('denies every permission Electron can ask about', () => {
    const permissions = [
      'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media',
      'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection',
      'storage-access', 'top-level-storage-access', 'window-management', 'fileSystem', 'hid', 'serial', 'usb', 'unknown',
    ];
    for (const p of permissions) expect(permissionDecision(p), p).toBe(false);
  });
});

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 };
  it('keeps a sane saved state and drops a corrupt one', () => {
    expect(parseWindowState({ width: 1000, height: 700, x: 5, y: 6, maximized: true })).toEqual({ width: 1000, height: 700, x: 5, y: 6, maximized: true });
    expect(parseWindowState({ width: '1000', height: 700 })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState({ width: 1000, height: 700, x: 1.5, y: 2 })).toEqual({ width: 1000, height: 700, maximized: false });
  });
  it('brings a window from an unplugged monitor back and shrinks it to the screen', () => {
    expect(fitToDisplays({ width: 1000, height: 700, x: 3000, y: 100, maximized: false }, [screen])).toEqual({ width: 1000, height: 700, maximized: false });
    expect(fitToDisplays({ width: 3000, height: 2000, x: 0, y: 0, maximized: false }, [screen])).toEqual({ width: 1920, height: 1080, x: 0, y: 0, maximized: false });
    expect(fitToDisplays({ width: 1000, height: 700, x: 1500, y: 900, maximized: false }, [screen])).toMatchObject({ x: 920, y: 380 });
    const second = { x: 1920, y: 0, width: 1280, height: 1024 };
    expect(fitToDisplays({ width: 900, height: 600, x: 2000, y: 50, maximized: false }, [screen, second])).toMatchObject({ x: 2000, y: 50 });
  });
  it('starts with the default when the file is half-written', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"width": 12');
    expect(loadWindowState(dir, [screen])).toEqual({ width: 1280, height: 820, maximized: false });
  });
});

describe('the preload', () => {
  it('exposes exactly the calls of the contract, each an invoke on the one channel', async () => {
    vi.resetModules();
    fake.electron.contextBridge.exposeInMainWorld.mockClear();
    await import('../../electron/main/preload');
    expect(fake.electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, client] = fake.electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, Listener>];
    expect(key).toBe('fieldbook');
    expect(Object.keys(client).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.values(client)).not.toContain(fake.electron.ipcRenderer);
    const input = { name: 'Mesa Middle' };
    await client.addSchool(input);
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_CHANNEL, 'addSchool', input);
  });
});

describe('the main process', () => {
  const appRoot = path.resolve('/opt/fieldbook');
  const ownFrame = { senderFrame: { url: rendererIndexUrl(appRoot) } };
  let dataDir: string;

  async function startMain(): Promise<void> {
    vi.resetModules();
    Object.assign(fake.state, { appOn: {}, windows: [], ipcHandlers: {}, session: {}, appRoot });
    vi.stubEnv('FIELDBOOK_DATA_DIR', dataDir);
    await import('../../electron/main');
    await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady's callback run
  }
  const emitApp = (event: string, ...args: unknown[]) => fake.state.appOn[event]?.forEach((fn) => fn(...args));

  beforeEach(() => {
    dataDir = tempDir();
    fake.state.lock = true;
    vi.clearAllMocks();
  });
  afterEach(() => emitApp('will-quit')); // closes the database

  it('keeps Electron’s files with the data, opens one hardened window and serves the contract over IPC', async () => {
    await startMain();
    expect(fake.electron.app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(fake.electron.app.enableSandbox).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(1);
    const [win] = fake.state.windows;
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false,
      preload: path.join(appRoot, 'out', 'preload', 'index.cjs'),
    });
    expect(win.loadFile).toHaveBeenCalledWith(rendererIndexPath(appRoot));

    const handle = fake.state.ipcHandlers[IPC_CHANNEL];
    expect(await handle(ownFrame, 'getStatus', undefined)).toMatchObject({ ok: true, value: { mode: 'electron', dataDir } });
    expect(await handle(ownFrame, 'dropAllTables', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    // Dates and times follow the system's regional format.
    expect(await handle(ownFrame, 'saveSettings', { supervisorName: 'Robin Diaz', supervisorEmail: 'robin.diaz@lakeside.example', district: 'Lakeside USD' })).toMatchObject({ ok: true, value: { display: { locale: 'en-GB' } } });
    for (const event of [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: null }]) {
      expect(await handle(event, 'getStatus', undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }

    // The window's size and position survive a restart.
    win.handlers.close.forEach((fn) => fn());
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8'))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
  });

  it('denies permissions, sets the CSP header and blocks navigation, new windows and webviews', async () => {
    await startMain();
    const granted = vi.fn();
    fake.state.session.request(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.state.session.check(null, 'notifications')).toBe(false);
    expect(fake.state.session.dictionaryUrl).toMatch(/^file:\/\/.*\/resources\/dictionaries\/$/);
    const headers = vi.fn();
    fake.state.session.headers({ responseHeaders: { 'X-Other': ['1'] } }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    const contentsOn: Record<string, Listener[]> = {};
    let openHandler: Listener = () => undefined;
    emitApp('web-contents-created', {}, {
      on: (event: string, fn: Listener) => (contentsOn[event] ??= []).push(fn),
      setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
    });
    const fire = (event: string, url: string) => {
      const e = { preventDefault: vi.fn(), url };
      contentsOn[event].forEach((fn) => fn(e, url));
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-redirect', pathToFileURL('/etc/passwd').href)).toBe(true);
    expect(fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', `${rendererIndexUrl(appRoot)}#/settings`)).toBe(false);
    expect(fire('will-attach-webview', 'https://example.org/')).toBe(true);

    expect(openHandler({ url: 'https://example.org/guide' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/guide');
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('a packaged Fieldbook has no developer tools or reload, in its windows or its menu', async () => {
    const roles = () => (fake.electron.Menu.setApplicationMenu.mock.calls.at(-1)![0] as { role?: string; submenu?: { role?: string }[] }[])
      .flatMap((m) => [m.role, ...(m.submenu ?? []).map((i) => i.role)]);
    await startMain();
    expect(roles()).toEqual(expect.arrayContaining(['editMenu', 'toggleDevTools', 'reload']));
    emitApp('will-quit');
    fake.electron.app.isPackaged = true;
    try {
      await startMain();
      expect(fake.state.windows[0].options.webPreferences!.devTools).toBe(false);
      expect(roles()).toEqual(expect.arrayContaining(['editMenu', 'zoomIn', 'togglefullscreen']));
      expect(roles()).not.toContain('toggleDevTools');
      expect(roles()).not.toContain('reload');
    } finally {
      fake.electron.app.isPackaged = false;
    }
  });

  it('security checklist', async () => {
    // The Electron security checklist in one place; each line fails if that protection is dropped.
    // (@doyensec/electronegativity also runs in npm test; it cannot see through secureWebPreferences(), this can.)
    await startMain();
    const prefs = fake.state.windows[0].options.webPreferences!;
    expect(prefs.contextIsolation, 'contextIsolation').toBe(true);
    expect(prefs.sandbox, 'sandbox').toBe(true);
    expect(fake.electron.app.enableSandbox, 'sandbox for every renderer').toHaveBeenCalled();
    expect(prefs.nodeIntegration, 'no nodeIntegration').toBe(false);
    expect(prefs.nodeIntegrationInSubFrames, 'no nodeIntegration in frames').not.toBe(true);
    expect(prefs.nodeIntegrationInWorker, 'no nodeIntegration in workers').not.toBe(true);
    expect(prefs.webviewTag, 'no <webview>').toBe(false);
    expect(prefs.webSecurity, 'webSecurity on').not.toBe(false);
    expect(prefs.allowRunningInsecureContent, 'no insecure content').not.toBe(true);
    expect(prefs.experimentalFeatures, 'no experimental features').not.toBe(true);
    expect(prefs.disableBlinkFeatures, 'middle-click cannot open windows').toContain('Auxclick');
    expect(prefs.devTools, 'developer tools while developing').toBe(true);

    const contentsOn: Record<string, Listener[]> = {};
    let openHandler: Listener = () => undefined;
    emitApp('web-contents-created', {}, { on: (event: string, fn: Listener) => (contentsOn[event] ??= []).push(fn), setWindowOpenHandler: (fn: Listener) => (openHandler = fn) });
    const blocked = (event: string, url: string) => {
      const e = { preventDefault: vi.fn(), url };
      (contentsOn[event] ?? []).forEach((fn) => fn(e, url));
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(blocked('will-navigate', 'https://evil.example/'), 'navigation blocked').toBe(true);
    expect(blocked('will-redirect', 'https://evil.example/'), 'redirects blocked').toBe(true);
    expect(blocked('will-attach-webview', 'https://evil.example/'), 'webviews blocked').toBe(true);
    for (const url of ['https://example.org/', 'http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(openHandler({ url }), `window.open(${url}) denied`).toEqual({ action: 'deny' });
    }

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'made-up-permission']) {
      const callback = vi.fn();
      fake.state.session.request(null, permission, callback);
      expect(callback, `${permission} request denied`).toHaveBeenCalledWith(false);
      expect(fake.state.session.check(null, permission), `${permission} check denied`).toBe(false);
    }
    expect(fake.state.session.device({ deviceType: 'usb' }), 'devices denied').toBe(false);

    const headers = vi.fn();
    fake.state.session.headers({ responseHeaders: {} }, headers);
    const header = (headers.mock.calls[0][0] as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy'][0];
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(fs.readFileSync(path.resolve('renderer/index.html'), 'utf8'))?.[1];
    for (const [where, policy] of [['header', header], ['index.html', meta]] as const) {
      expect(policy, `CSP present in the ${where}`).toBeTruthy();
      const directives = Object.fromEntries(policy!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives['default-src'], `${where}: default-src 'none'`).toEqual(["'none'"]);
      expect(directives['script-src'], `${where}: scripts only from the app`).toEqual(["'self'"]);
      expect(policy, `${where}: no unsafe-eval`).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
      expect(directives['script-src'].join(' '), `${where}: no inline scripts`).not.toMatch(/unsafe-inline|unsafe-hashes|\*|data:|blob:/);
      expect(directives['object-src'] ?? directives['default-src'], `${where}: no plugins`).toEqual(["'none'"]);
      expect(directives['base-uri'], `${where}: base-uri 'none'`).toEqual(["'none'"]);
    }
  });

  it('refuses a database from a newer Fieldbook with a clear message, touching nothing', async () => {
    const file = path.join(dataDir, 'fieldbook.sqlite3');
    const newer = new Database(file);
    newer.pragma('user_version = 999');
    newer.close();
    await startMain();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith('Fieldbook cannot open its data', expect.stringMatching(/newer version of Fieldbook/));
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
    expect(fake.state.windows).toHaveLength(0);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('keeps sync passwords encrypted with safeStorage, and opens a folder target with the shell', async () => {
    await startMain();
    const handle = fake.state.ipcHandlers[IPC_CHANNEL];
    expect(await handle(ownFrame, 'getSyncOverview', undefined)).toMatchObject({ ok: true, value: { secretsAvailable: true } });
    const saved = await handle(ownFrame, 'saveSyncTarget', { kind: 'webdav', name: 'District file server', enabled: true, url: 'https://dav.lakeside.example/fieldbook/', auth: 'basic', username: 'robin', secret: 'correct horse' });
    expect(saved).toMatchObject({ ok: true, value: { secret: 'encrypted' } });
    expect(fake.electron.safeStorage.encryptString).toHaveBeenCalledWith('correct horse');
    emitApp('will-quit');
    const db = new Database(path.join(dataDir, 'fieldbook.sqlite3'), { readonly: true });
    const stored = db.prepare(`SELECT secret FROM sync_targets`).pluck().get() as Buffer;
    db.close();
    expect(stored.toString()).not.toContain('correct horse');
    expect(fake.electron.safeStorage.decryptString(stored)).toBe('correct horse');

    await startMain();
    const folder = tempDir();
    const target = (await fake.state.ipcHandlers[IPC_CHANNEL](ownFrame, 'saveSyncTarget', { kind: 'folder', name: 'USB stick', enabled: true, folder })) as { value: { id: number } };
    expect(await fake.state.ipcHandlers[IPC_CHANNEL](ownFrame, 'openSyncFolder', { targetId: target.value.id })).toMatchObject({ ok: true, value: { opened: true } });
    expect(fake.electron.shell.openPath).toHaveBeenCalledWith(folder);
  });

  it('treats Linux without a keyring (safeStorage’s plain-text fallback) as no secret store', async () => {
    fake.state.keyring = process.platform === 'linux' ? 'basic_text' : fake.state.keyring;
    fake.state.encryptionAvailable = process.platform === 'linux';
    try {
      await startMain();
      const handle = fake.state.ipcHandlers[IPC_CHANNEL];
      expect(await handle(ownFrame, 'getSyncOverview', undefined)).toMatchObject({ ok: true, value: { secretsAvailable: false } });
      const refused = await handle(ownFrame, 'saveSyncTarget', { kind: 'https', name: 'District API', enabled: true, url: 'https://api.lakeside.example/exports', auth: 'bearer', secret: 'token-123' });
      expect(refused).toMatchObject({ ok: false, error: { field: 'keepForSessionOnly' } });
      expect(fake.electron.safeStorage.encryptString).not.toHaveBeenCalled();
    } finally {
      fake.state.keyring = 'gnome_libsecret';
      fake.state.encryptionAvailable = true;
    }
  });

  it('lets a second start hand over to the running one', async () => {
    fake.state.lock = false;
    await startMain();
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.appOn['second-instance']).toBeUndefined();
  });
});

describe('finding Electron’s binary without the network', () => {
  /** A stand-in node_modules/electron whose install.js does what the test says. */
  function fakeElectron(installJs: string): string {
    const root = tempDir();
    const dir = path.join(root, 'node_modules', 'electron');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'install.js'), installJs);
    return root;
  }

  it('reads path.txt and checks the executable is there', () => {
    const dir = path.join(tempDir(), 'electron');
    fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
    expect(installedElectronPath(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(installedElectronPath(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(installedElectronPath(dir)).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('reports a failed download in one line instead of throwing', async () => {
    const root = fakeElectron(`console.error('TypeError: fetch failed\\n    at node:internal/deps/undici'); process.exit(1);`);
    expect(await ensureElectron(root)).toEqual({ ok: false, reason: "Electron's binary could not be downloaded (fetch failed)" });
    expect(await ensureElectron(tempDir())).toMatchObject({ ok: false, reason: expect.stringMatching(/not installed/) });
  });

  it('uses the binary once the download worked', async () => {
    const root = fakeElectron(
      `const fs = require('fs'); fs.mkdirSync(__dirname + '/dist'); fs.writeFileSync(__dirname + '/dist/electron', ''); fs.writeFileSync(__dirname + '/path.txt', 'electron');`,
    );
    expect(await ensureElectron(root)).toEqual({ ok: true, path: path.join(root, 'node_modules', 'electron', 'dist', 'electron') });
  });

  it('names the host it could not reach, or the error', () => {
    const run = (output: string) => summarizeFailure({ code: 1, output, timedOut: false });
    expect(run('prebuild-install warn install getaddrinfo ENOTFOUND github.com\n')).toBe('cannot reach github.com');
    expect(run('gyp http GET https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz\ngyp ERR! stack is related to network connectivity.')).toBe('cannot reach electronjs.org');
    expect(run('gyp ERR! stack Error: `make` failed with exit code: 2\n')).toBe('`make` failed with exit code: 2');
    expect(run('')).toBe('exit code 1');
    expect(summarizeFailure({ code: null, output: '', timedOut: true }, 120_000)).toBe('timed out after 120 s');
  });
});

describe('building better-sqlite3 for Electron', () => {
  /** A project with stand-ins for Electron, better-sqlite3 and the two build tools (they log how they were run). */
  function fakeProject(tools: { prebuild: string; gyp: string }): { root: string; log: string } {
    const root = tempDir();
    const nm = path.join(root, 'node_modules');
    const log = path.join(root, 'runs.log');
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    };
    write(path.join(nm, 'electron', 'package.json'), JSON.stringify({ version: '45.4.1' }));
    write(path.join(nm, 'electron', 'abi_version'), '150');
    write(path.join(nm, 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
    write(path.join(nm, 'better-sqlite3', 'src', 'better_sqlite3.cpp'), '// source');
    write(path.join(nm, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'node_register_module_v115 (the Node build)');
    const prelude = `const fs = require('fs'); fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ tool: process.argv[1], args: process.argv.slice(2), nodedir: process.env.npm_config_nodedir ?? null }) + '\\n');
const binding = (abi) => { fs.mkdirSync('build/Release', { recursive: true }); fs.writeFileSync('build/Release/better_sqlite3.node', 'node_register_module_v' + abi); };\n`;
    write(path.join(nm, 'prebuild-install', 'bin.js'), prelude + tools.prebuild);
    write(path.join(nm, 'node-gyp', 'bin', 'node-gyp.js'), prelude + tools.gyp);
    return { root, log };
  }
  const runs = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []);
  const nodeBuild = (root: string) => fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8');

  it('builds into .electron-native from a prebuilt binary, keeps the Node build, and does it only once', async () => {
    vi.stubEnv('npm_config_nodedir', '/usr'); // as npm passes it to scripts: it would make node-gyp build for Node
    const { root, log } = fakeProject({ prebuild: 'binding(150);', gyp: 'process.exit(1);' });
    expect(await ensureElectronNativeBinding(root)).toEqual({ ok: true, path: electronBindingPath(root) });
    expect(nodeBuild(root)).toBe('node_register_module_v115 (the Node build)');
    const [prebuild] = runs(log);
    expect(prebuild.args).toEqual(expect.arrayContaining(['--runtime', 'electron', '--target', '45.4.1']));
    expect(prebuild.nodedir).toBeNull();
    expect(fs.readFileSync(electronBindingPath(root), 'utf8')).toBe('node_register_module_v150');

    expect(await ensureElectronNativeBinding(root)).toMatchObject({ ok: true });
    expect(runs(log)).toHaveLength(1);
  });

  it('compiles when no prebuilt binary exists, and refuses a module built for the wrong ABI', async () => {
    const good = fakeProject({ prebuild: `console.error('prebuild-install warn install getaddrinfo ENOTFOUND github.com'); process.exit(1);`, gyp: 'binding(150);' });
    expect(await ensureElectronNativeBinding(good.root)).toMatchObject({ ok: true });
    expect(runs(good.log)[1].args).toEqual(expect.arrayContaining(['rebuild', '--runtime=electron', '--target=45.4.1']));

    const wrong = fakeProject({ prebuild: 'process.exit(1);', gyp: 'binding(115);' });
    const r = await ensureElectronNativeBinding(wrong.root);
    expect(r).toEqual({ ok: false, reason: "better-sqlite3 could not be built for Electron 45.4.1 (the compiled module is not for Electron's ABI 150)" });
    expect(fs.existsSync(path.join(wrong.root, ELECTRON_NATIVE_DIR, 'better-sqlite3'))).toBe(false);
    expect(nodeBuild(wrong.root)).toBe('node_register_module_v115 (the Node build)');
  });

  it('keeps npm’s Node-steering settings away from the build tools', () => {
    expect(envForElectronBuild({ npm_config_nodedir: '/usr', npm_config_target: '20.0.0', npm_config_cache: '/c', PATH: '/bin' })).toEqual({
      npm_config_cache: '/c',
      PATH: '/bin',
    });
  });
});
