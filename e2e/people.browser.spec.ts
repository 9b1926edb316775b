import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadBundledPack } from '../core/guidelines/load';
import { appendEvents, newEvent } from '../core/store/eventLog';
import { migrate } from '../core/store/migrate';
import { openSqlite } from '../core/store/sqlite';
import { DB_FILE } from '../core/workspace/workspace';
import { packFingerprint } from '../shared/guidelines/fingerprint';
import { cli, removeWorkspace, startApp, tempWorkspaceDir, type RunningApp } from './support/app';
import { screenshot, signIn, switchProfile } from './support/ui';

// People and roles in Debian's Chromium against the real engine: a workspace made before profiles
// had roles takes its first profile as its owner; the owner adds a person and gives them a role;
// the last owner cannot lose the role; and two tabs are two sessions.

let app: RunningApp;
let workspace: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // A legacy workspace: a guideline, no profile at all (what `init` made before this change).
  workspace = tempWorkspaceDir();
  mkdirSync(workspace, { recursive: true });
  const db = openSqlite(path.join(workspace, DB_FILE));
  migrate(db);
  const pack = loadBundledPack('harm-taxonomy');
  appendEvents(db, [
    newEvent('workspace.created', 'root', { workspaceId: '0190a0c0-0000-7000-8000-000000000001', name: 'Team pilot' }),
    newEvent('guideline.published', 'root', { pack, fingerprint: packFingerprint(pack) }),
    newEvent('guideline.activated', 'root', { id: pack.id, version: pack.version }),
  ]);
  db.close();
  app = await startApp(workspace);
});

test.afterAll(async () => {
  await app?.stop();
  removeWorkspace(workspace);
});

const profiles = async () => JSON.parse(await cli(['profiles', 'list', '--workspace', workspace, '--json'])) as { id: string; roles: string[] }[];

test('the first profile is the owner; the owner adds a person and sets roles; each tab is its own session', async ({ page, browser }) => {
  await page.goto(app.openUrl);
  const form = page.getByTestId('first-profile-form');
  await expect(form).toBeVisible();
  await page.getByTestId('profile-name').fill('Lena Fischer');
  await expect(page.getByTestId('profile-id')).toHaveValue('lena-fischer');
  await screenshot(page, 'first-profile');
  await page.getByTestId('create-profile').click();
  await expect(page.getByTestId('queue-screen')).toBeVisible();
  expect(await profiles()).toEqual([{ id: 'lena-fischer', name: 'Lena Fischer', roles: ['owner', 'adjudicator', 'rater'] }]);

  // People: add a rater.
  await page.getByTestId('nav-people').click();
  await page.getByTestId('add-person').click();
  const add = page.getByTestId('add-person-form');
  await add.getByTestId('profile-name').fill('Ana Ruiz');
  await expect(add.getByTestId('profile-id')).toHaveValue('ana-ruiz');
  await expect(add.getByTestId('person-role-rater')).toBeChecked();
  await screenshot(page, 'add-person');
  await add.getByTestId('add-person-submit').click();
  await expect(page.getByTestId('person-row')).toHaveCount(2);

  // Give Ana the adjudicator role: the engine has it at once.
  await page.getByTestId('role-adjudicator-ana-ruiz').click();
  await expect(page.getByTestId('role-adjudicator-ana-ruiz')).toBeChecked();
  await expect.poll(async () => (await profiles()).find((p) => p.id === 'ana-ruiz')?.roles).toEqual(['rater', 'adjudicator']);

  // The only owner cannot drop the role: a warning says why, and nothing changes.
  await page.getByTestId('role-owner-lena-fischer').click();
  await expect(page.getByTestId('notice').and(page.locator('[data-tone="warning"]'))).toContainText('make someone else an owner first');
  await expect(page.getByTestId('role-owner-lena-fischer')).toBeChecked();
  expect((await profiles()).find((p) => p.id === 'lena-fischer')?.roles).toContain('owner');
  await screenshot(page, 'people-roles');

  // Another tab is another session: Ana signs in there, Lena stays signed in here.
  const other = await browser.newPage();
  await other.goto(app.openUrl);
  await signIn(other, 'ana-ruiz');
  await expect(other.getByTestId('rater-menu')).toHaveText('Ana Ruiz');
  await expect(other.getByTestId('nav-people')).toHaveCount(0); // not an owner
  await page.reload();
  await expect(page.getByTestId('rater-menu')).toHaveText('Lena Fischer');
  await other.close();

  // Signing out goes back to the profile list; there is no way to make a profile there.
  await switchProfile(page);
  await expect(page.getByTestId('profile-option')).toHaveCount(2);
  await expect(page.getByTestId('first-profile-form')).toHaveCount(0);
});
