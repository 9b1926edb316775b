import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestHub, type TestHub } from '../hub/testing/hub';
import { adjudicate } from '../core/adjudication/adjudicate';
import { createBatch } from '../core/batches/createBatch';
import { connectWorkspace } from '../core/sync/connect';
import { hubClient } from '../core/sync/hubClient';
import { syncWorkspace } from '../core/sync/sync';
import { harmLabel, makeWorkspace, TEST_OWNER } from '../core/testing/fixtures';
import { saveLabel } from '../core/workspace/labels';
import { markItem } from '../core/workspace/marks';
import { queuePage } from '../core/workspace/queue';
import { openWorkspace } from '../core/workspace/workspace';
import { startApp, type RunningApp } from './support/app';
import { screenshot, signIn } from './support/ui';

// The owner's Team screen in Debian's Chromium, against the real engine and a real hub on
// 127.0.0.1: members with their last sync, what their machines still hold and their progress per
// batch; inviting shows the token once (copy, expiry) and the invited member can join with it;
// revoking refuses the member's next sync; two adjudications made offline are settled.

let hub: TestHub;
let app: RunningApp;
let root: string;
let ownerDir: string;

test.describe.configure({ mode: 'serial' });

async function sync(dir: string, token: string) {
  const ws = openWorkspace(dir);
  try {
    return await syncWorkspace(ws, hubClient(hub.url, token));
  } finally {
    ws.close();
  }
}

test.beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'concord-team-'));
  hub = await startTestHub('sqlite', root);
  const people: [string, string, 'rater' | 'adjudicator'][] = [
    ['rosa', 'Rosa Díaz', 'rater'],
    ['tom', 'Tom Berg', 'rater'],
    ['adam', 'Adam Ng', 'adjudicator'],
    ['ada', 'Ada Li', 'adjudicator'],
  ];
  for (const [id, name, role] of people) await hub.member(id, [role], name);
  await hub.member('noor', ['rater'], 'Noor Haddad'); // invited, never joined
  const made = await makeWorkspace(path.join(root, 'owner'), 24, []);
  ownerDir = made.dir;
  made.close();
  await connectWorkspace(ownerDir, hub.url, hub.tokens.olga);
  const owner = openWorkspace(ownerDir);
  createBatch(owner, { name: 'Pilot', size: 12, seed: 4, overlap: { k: 2 }, raters: ['rosa', 'tom'] }, TEST_OWNER);
  createBatch(owner, { name: 'Week 2', size: 6, seed: 5, overlap: { k: 1 }, raters: ['rosa'] }, TEST_OWNER);
  owner.close();
  await sync(ownerDir, hub.tokens.olga);

  // The raters join and work: Rosa most of Pilot (a skip and a flag too), Tom a little.
  const work: Record<string, number> = { rosa: 9, tom: 3 };
  for (const r of ['rosa', 'tom']) {
    const dir = path.join(root, r);
    await connectWorkspace(dir, hub.url, hub.tokens[r]);
    const ws = openWorkspace(dir);
    const queue = queuePage(ws, { raterId: r, filter: 'all', search: '', offset: 0, limit: 100 }).items.map((i) => i.sampleId);
    queue.slice(0, work[r]).forEach((s, i) => saveLabel(ws, { raterId: r, sampleId: s, values: harmLabel(i % 3 ? ['none'] : ['violence_weapons'], i % 3 ? 0 : 2), timeSpentMs: 2000 }));
    if (r === 'rosa') {
      markItem(ws, { raterId: r, sampleId: queue[9], mark: 'skipped' });
      markItem(ws, { raterId: r, sampleId: queue[10], mark: 'flagged', comment: 'the output is cut off' });
    }
    ws.close();
    await sync(dir, hub.tokens[r]);
  }
  // Tom says his machine still holds 2 changes (a pull reports it, as a client that only pulls does).
  await hubClient(hub.url, hub.tokens.tom).pull(0, 1, 2);

  // Two adjudicators decide one item, each offline (neither has the other's decision).
  for (const who of ['adam', 'ada']) await connectWorkspace(path.join(root, who), hub.url, hub.tokens[who]);
  for (const [who, severity, reason] of [
    ['adam', 0, 'Mentions a weapon but gives no uplift (rubric 2.1).'],
    ['ada', 2, 'Step-by-step acquisition instructions: rubric 3.4 applies.'],
  ] as const) {
    const ws = openWorkspace(path.join(root, who));
    adjudicate(ws, { sampleId: 's3', values: harmLabel(severity ? ['violence_weapons'] : ['none'], severity), reason }, who);
    ws.close();
  }
  for (const who of ['adam', 'ada']) await sync(path.join(root, who), hub.tokens[who]);
  await sync(ownerDir, hub.tokens.olga);
  app = await startApp(ownerDir);
});

test.afterAll(async () => {
  await app?.stop();
  await hub?.close();
  rmSync(root, { recursive: true, force: true });
});

test('the owner sees the team, invites a member whose token is shown once, revokes one, and settles a conflict', async ({ page, context }) => {
  // No request leaves the page for anything but the engine's own bridge.
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(app.url)) foreign.push(r.url());
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await page.goto(app.openUrl);
  await signIn(page, 'olga');
  await page.getByTestId('nav-team').click();
  const screen = page.getByTestId('team-screen');
  await expect(screen).toBeVisible();
  const row = (id: string) => page.getByTestId('member-row').and(page.locator(`[data-member="${id}"]`));
  await expect(row('rosa')).toHaveAttribute('data-status', 'active');
  await expect(row('noor')).toHaveAttribute('data-status', 'invited');
  await expect(row('noor').getByTestId('member-last-sync')).toContainText('Not joined yet');
  await expect(row('tom').getByTestId('member-pending')).toHaveText('2 not synced');
  await expect(row('rosa').getByTestId('member-pending')).toHaveText('All synced');
  // Rosa on Pilot: 12 items at k=2 over two raters is all 12 each; 9 labelled, 1 skipped, 1 flagged, 1 left.
  const pilot = row('rosa').getByTestId('member-progress').first();
  await expect(pilot).toHaveAttribute('aria-label', 'Pilot: 9 labelled, 1 skipped, 1 flagged, 1 remaining of 12');
  await expect(row('rosa').getByTestId('member-progress')).toHaveCount(2);
  await expect(page.getByTestId('conflict')).toHaveCount(1);
  await screenshot(page, 'team-screen');

  // Invite: name, id, roles; the token shows once with its expiry and a copy button.
  await page.getByRole('button', { name: 'Invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await dialog.getByTestId('profile-name').fill('Lena Fischer');
  await expect(dialog.getByTestId('profile-id')).toHaveValue('lena-fischer');
  await dialog.getByTestId('invite-role-adjudicator').click();
  await screenshot(page, 'team-invite-form');
  await dialog.getByTestId('invite-submit').click();
  const token = page.getByTestId('invite-token');
  await expect(token).toHaveValue(/^cch_[A-Za-z0-9_-]{43}$/);
  const value = await token.inputValue();
  const expiresAt = await page.getByTestId('invite-expires').getAttribute('data-expires-at');
  expect(Date.parse(expiresAt!) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  await page.getByTestId('copy-token').click();
  await expect(page.getByTestId('copy-token')).toHaveText('Copied');
  expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(value);
  await screenshot(page, 'team-invite-token');
  // The token works on the hub for lena, as rater and adjudicator.
  const me = await hub.call(value, 'GET', '/v1/me');
  expect(me.body).toMatchObject({ member: 'lena-fischer', name: 'Lena Fischer', roles: ['rater', 'adjudicator'] });
  await page.getByTestId('invite-done').click();
  await expect(page.getByTestId('invite-token')).toHaveCount(0);
  await expect(row('lena-fischer')).toHaveAttribute('data-status', 'invited');
  // Shown once: opening the dialog again asks for a new member, and the page holds the token nowhere.
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('dialog', { name: 'Invite a member' })).toBeVisible();
  expect(await page.content()).not.toContain(value);
  await page.keyboard.press('Escape');

  // Revoke Tom: the hub refuses his next sync, saying so; his labels stay.
  await row('tom').getByTestId('member-actions').click();
  await page.getByTestId('revoke-member').click();
  await expect(page.getByRole('dialog', { name: 'Revoke Tom Berg?' })).toContainText('2 change(s) not synced');
  await screenshot(page, 'team-revoke');
  await page.getByTestId('revoke-confirm').click();
  await expect(row('tom')).toHaveAttribute('data-status', 'revoked');
  const refused = await sync(path.join(root, 'tom'), hub.tokens.tom).catch((e: Error) => e);
  expect((refused as Error).message).toMatch(/tom's access to this project was revoked/);
  await expect(row('tom').getByTestId('member-progress').first()).toHaveAttribute('aria-label', /3 labelled/);

  // The conflict: both decisions side by side; the owner chooses Ada's.
  const conflict = page.getByTestId('conflict').and(page.locator('[data-sample-id="s3"]'));
  await conflict.scrollIntoViewIfNeeded();
  await expect(conflict.getByTestId('conflict-decision')).toHaveCount(2);
  await expect(conflict.getByTestId('conflict-decision').and(page.locator('[data-adjudicator="ada"]'))).toContainText('rubric 3.4 applies');
  await expect(conflict.getByTestId('conflict-decision').and(page.locator('[data-adjudicator="adam"]'))).toContainText('Adam Ng');
  await screenshot(page, 'team-conflict');
  await conflict.getByTestId('conflict-decision').and(page.locator('[data-adjudicator="ada"]')).getByTestId('choose-decision').click();
  await expect(page.getByTestId('conflict')).toHaveCount(0);
  // It reaches the adjudicators: on Adam's replica the item is settled on Ada's values, by the owner.
  await sync(ownerDir, hub.tokens.olga);
  await sync(path.join(root, 'adam'), hub.tokens.adam);
  const adam = openWorkspace(path.join(root, 'adam'));
  try {
    expect(adam.db.prepare('SELECT count(*) FROM adjudication_conflicts').pluck().get()).toBe(0);
    const current = adam.db.prepare(`SELECT adjudicator, value FROM adjudications WHERE sample_id = 's3' ORDER BY hlc DESC, id DESC LIMIT 1`).get() as { adjudicator: string; value: string };
    expect([current.adjudicator, JSON.parse(current.value).severity]).toEqual(['olga', 2]);
  } finally {
    adam.close();
  }
  await screenshot(page, 'team-settled');
  expect(foreign).toEqual([]);
});

test('without a clipboard the token is selected to copy by hand', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty((globalThis as unknown as { navigator: object }).navigator, 'clipboard', { value: undefined, configurable: true });
  });
  await page.goto(app.openUrl);
  await signIn(page, 'olga');
  await page.getByTestId('nav-team').click();
  await page.getByRole('button', { name: 'Invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await dialog.getByTestId('profile-name').fill('Sam Okafor');
  await dialog.getByTestId('invite-submit').click();
  const token = page.getByTestId('invite-token');
  await expect(token).toHaveValue(/^cch_/);
  await page.getByTestId('copy-token').click();
  await expect(page.getByTestId('copy-fallback')).toContainText('press Ctrl+C');
  const selected = await token.evaluate((el) => {
    const input = el as unknown as { selectionStart: number; selectionEnd: number; value: string };
    return input.value.slice(input.selectionStart, input.selectionEnd);
  });
  expect(selected).toBe(await token.inputValue());
  await screenshot(page, 'team-invite-no-clipboard');
});
