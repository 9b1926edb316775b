// The application menu and who may open DevTools. Plain data, no `electron` import at run time,
// so the tests check exactly what main.ts installs.
import type { MenuItemConstructorOptions } from 'electron';

/**
 * Development mode: DevTools, Reload and the View menu. Only in an unpackaged app (`npm start`)
 * with CONCORD_DEV=1; never in a packaged one, whatever its environment says.
 */
export function developmentMode(packaged: boolean, env: Record<string, string | undefined> = process.env): boolean {
  return !packaged && env.CONCORD_DEV === '1';
}

/**
 * Electron's default menu carries Reload and Toggle DevTools (with their shortcuts). Ours keeps
 * the Edit menu, so copy, paste and undo work in text fields (on macOS they only work through
 * menu roles), zoom (raters read for hours), the macOS app menu and Window; Reload and DevTools
 * only in development mode.
 */
export function menuTemplate(options: { development: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] });
  else template.push({ label: 'File', submenu: [{ role: 'quit' }] });
  template.push({
    role: 'editMenu',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });
  const zoom: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  const developer: MenuItemConstructorOptions[] = [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];
  template.push({ role: 'viewMenu', submenu: options.development ? [...zoom, ...developer] : zoom });
  template.push({ role: 'windowMenu', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] : [{ role: 'minimize' }, { role: 'close' }] });
  return template;
}
