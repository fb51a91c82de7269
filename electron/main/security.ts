import { app, Menu, type MenuItemConstructorOptions, session, shell, type WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { externalLinkToOpen, isAllowedNavigation, permissionDecision } from './policy';

/**
 * Everything that hardens the shell, in one place (STYLE.md section 6). The decisions live in
 * policy.ts; this file only wires them into Electron.
 */

/** Every window Fieldbook opens uses exactly these. */
export const secureWebPreferences = (preload: string): WebPreferences => ({
  // A packaged Fieldbook has no developer tools: they would read a locked window's page.
  devTools: !app.isPackaged,
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  // A middle click (auxclick) could otherwise open a link in a new window.
  disableBlinkFeatures: 'Auxclick',
  spellcheck: true,
  preload,
});

/** Call before app is ready: sandbox every renderer, even one created by mistake without the preferences above. */
export function hardenBeforeReady(): void {
  app.enableSandbox();
}

/**
 * The application menu: editing (so copy and paste work from the keyboard), zoom, full screen and
 * the window. Electron's default menu would also offer reload and developer tools: only in development.
 */
export function appMenuTemplate(isPackaged: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

/** Call once the app is ready, before the first window is created. */
export function hardenSessionAndContents(indexUrl: string): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(app.isPackaged)));
  const ses = session.defaultSession;

  // Deny by default: requests (prompts) and silent checks alike.
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  ses.setDevicePermissionHandler(() => false);
  // Linux and Windows spellcheck would fetch dictionaries from Google's servers: look only beside the app.
  ses.setSpellCheckerDictionaryDownloadURL(new URL('../../resources/dictionaries/', indexUrl).href);

  // The page's own meta tag governs file:// loads; this header also covers anything served over http(s).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    const refuseNavigation = (event: Electron.Event, url: string) => {
      if (!isAllowedNavigation(url, indexUrl)) event.preventDefault();
    };
    contents.on('will-navigate', refuseNavigation);
    contents.on('will-redirect', refuseNavigation);
    contents.on('will-frame-navigate', (event) => {
      if (!isAllowedNavigation(event.url, indexUrl)) event.preventDefault();
    });
    // No new windows, ever. An https link goes to the person's own browser instead.
    contents.setWindowOpenHandler(({ url }) => {
      const external = externalLinkToOpen(url);
      // Only https links reach the OS browser (externalLinkToOpen in policy.ts); the rest are dropped.
      if (external) void shell.openExternal(external); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { action: 'deny' };
    });
  });
}
