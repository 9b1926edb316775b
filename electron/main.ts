// Electron main process: one window, the workspace opened here, and the typed API registered from
// the contract declared in shared/api/contract.ts. Follows Electron's security checklist: sandboxed,
// context-isolated renderer without Node; the app served from a custom protocol with a strict CSP;
// navigation (of any frame), new windows, webviews, permission requests and every non-app request
// denied; no Reload or DevTools outside development mode (electron/menu.ts).
import { app, BrowserWindow, ipcMain, Menu, net, protocol, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { contract } from '../shared/api/contract';
import { dispatch } from '../core/api/dispatch';
import { startAppEngine } from '../core/launch/appEngine';
import { memorySession } from '../core/api/session';
import type { Session } from '../shared/api/define';
import { contentSecurityPolicy } from '../core/server/csp';
import { workspaceExists } from '../core/workspace/workspace';
import { packagedBuild } from '../core/packaged';
import { channelFor } from './channels';
import { developmentMode, menuTemplate } from './menu';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/electron
const rendererDir = path.resolve(here, '../renderer');
const APP_ORIGIN = 'app://concord';
// Packaged: the bundle `npm run dist` built, or an app Electron itself reports as packaged.
const development = developmentMode(packagedBuild || app.isPackaged);

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
app.enableSandbox();

function isOurFrame(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return !!frame && event.sender === window.webContents && frame === window.webContents.mainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

function serveApp() {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'concord') return new Response('not found', { status: 404 });
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** One session per window's webContents: it survives a reload of the page and ends with the window. */
const sessions = new Map<number, Session>();
function sessionOf(contents: WebContents): Session {
  let s = sessions.get(contents.id);
  if (!s) {
    s = memorySession();
    sessions.set(contents.id, s);
    const id = contents.id;
    contents.once('destroyed', () => sessions.delete(id));
  }
  return s;
}

function lockDown(contents: WebContents) {
  contents.on('will-navigate', (event) => event.preventDefault());
  // will-navigate fires for the main frame only; this one for every frame.
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

async function main() {
  await app.whenReady();
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No request may leave the app: content that slipped past the renderer still cannot reach out.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith(`${APP_ORIGIN}/`) && !(development && details.url.startsWith('devtools://')) }));
  app.on('web-contents-created', (_e, contents) => lockDown(contents));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ development, platform: process.platform })));
  serveApp();

  // The app's workspace folder; empty on the first run, where the renderer offers the demo, a local
  // workspace or joining a team (core/launch/appEngine.ts, as the browser build's server does).
  // Versions before the first-run choice kept the demo in demo-workspace: it stays the workspace.
  const legacy = path.join(app.getPath('userData'), 'demo-workspace');
  const dir = process.env.CONCORD_WORKSPACE ?? (workspaceExists(legacy) ? legacy : path.join(app.getPath('userData'), 'workspace'));
  // The engine and its background sync run here, in the main process: the renderer makes no request.
  const appEngine = await startAppEngine(dir);
  const engine = appEngine.engine;

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Concord',
    show: false,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      spellcheck: false,
      devTools: development,
      // Middle-click (auxclick) could open links in new windows; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  // One handler per declared call, generated from the contract: no hand-kept channel list. Each
  // call runs as the window's session, kept here in the main process (the renderer never names it).
  for (const name of Object.keys(contract)) {
    ipcMain.handle(channelFor(name), (event, input: unknown) => {
      if (!isOurFrame(event, window)) return { ok: false, error: { kind: 'input', message: 'call refused: unknown sender' } };
      return dispatch(engine, name, input, sessionOf(event.sender));
    });
  }

  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
  app.on('window-all-closed', () => {
    void appEngine.close().finally(() => app.quit());
  });
}

main().catch((e) => {
  console.error(e);
  app.exit(1);
});
