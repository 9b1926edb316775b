import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { developmentMode, menuTemplate } from './menu';

/** Every role in a menu template, submenus included. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
}

const developerRoles = ['reload', 'forceReload', 'toggleDevTools'];

describe('the application menu and DevTools', () => {
  it('development mode needs an unpackaged app and CONCORD_DEV=1; a packaged app never has it', () => {
    expect(developmentMode(false, { CONCORD_DEV: '1' })).toBe(true);
    expect(developmentMode(false, {})).toBe(false);
    expect(developmentMode(false, { CONCORD_DEV: 'true' })).toBe(false);
    expect(developmentMode(true, { CONCORD_DEV: '1' })).toBe(false);
  });

  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`${platform}: no Reload or DevTools outside development mode; the Edit menu's copy and paste always`, () => {
      const packaged = roles(menuTemplate({ development: developmentMode(true, { CONCORD_DEV: '1' }), platform }));
      for (const role of developerRoles) expect(packaged).not.toContain(role);
      for (const role of ['editMenu', 'copy', 'paste', 'cut', 'selectAll', 'undo', 'zoomIn']) expect(packaged).toContain(role);
      const development = roles(menuTemplate({ development: true, platform }));
      for (const role of [...developerRoles, 'copy', 'paste']) expect(development).toContain(role);
    });
  }
});
