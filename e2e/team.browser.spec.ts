import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hubClient } from '../core/sync/hubClient';
import { runHub, serveHub, type ServingHub } from '../hub/testing/process';
import { cli, root, startApp, type RunningApp } from './support/app';
import { screenshot } from './support/ui';

// The team, end to end, in Debian's Chromium: a real hub (the compiled concord-hub, its own data
// folder, 127.0.0.1) and, for each person, their own workspace folder, their own engine and bridge
// (a separate server process) and their own browser context. The owner's workspace is the
// project's source; the owner invites an adjudicator and three raters; each joins from the first
// run with their token; the raters label by keyboard while the hub is stopped; it comes back and
// they sync in different orders; a label for an item outside a rater's assignment is refused with
// the reason shown to its author; the adjudicator resolves every disagreement and sends one item
// back, whose rater sees the note; the owner's dashboard shows the alpha the CLI computes on the
// owner's replica.

/** The background sync's period for everyone here (ms): short, so the test does not wait for it. */
const PULL_EVERY = '700';
const BATCH = 8;
const RATERS = [
  { id: 'rae', name: 'Rae Okoro' },
  { id: 'sam', name: 'Sam Lindqvist' },
  { id: 'tui', name: 'Tui Ngata' },
];
const ADJUDICATOR = { id: 'ada', name: 'Ada Brennan' };

interface Person {
  id: string;
  app: RunningApp;
  context: BrowserContext;
  page: Page;
}

let base: string;
let hubData: string;
let hub: ServingHub | undefined;
let hubPort: string;
let ownerToken: string;
let ownerDir: string;
const people: Person[] = [];
const tokens: Record<string, string> = {};

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

async function startHub() {
  hub = await serveHub(['--data', hubData, '--port', hubPort, '--rate-limit', '1000000']);
  hubPort = new URL(hub.url).port;
}

const hubUrl = () => `http://127.0.0.1:${hubPort}`;

async function hubJson(args: string[]) {
  const r = await runHub([...args, '--json']);
  if (r.code !== 0) throw new Error(`concord-hub ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** One person: their folder, their engine (a process of its own), their browser context. */
async function open(browser: Browser, id: string, dir: string, args: string[] = []): Promise<Person> {
  const app = await startApp(dir, { args: ['--pull-every', PULL_EVERY, ...args] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.openUrl);
  const person = { id, app, context, page };
  people.push(person);
  return person;
}

const syncItem = (page: Page) => page.getByTestId('status-sync');
const t0 = Date.now();
/** Where the time goes (the spec's budget is a few minutes). */
const step = (what: string) => console.log(`[team] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);

/** Clicks "Sync now" in the status bar and waits for the engine to say it is synced. */
async function syncNow(page: Page) {
  await syncItem(page).click();
  await page.getByTestId('sync-now').click();
  await expect(syncItem(page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await syncItem(page).click();
  await expect(page.getByTestId('sync-details')).toBeHidden();
}

/** The first run's join, as a person does it: the hub address and the token from their invitation. */
async function join(person: Person, token: string, shots = false) {
  const { page } = person;
  await expect(page.getByTestId('first-run')).toBeVisible();
  if (shots) await screenshot(page, 'team-first-run');
  await page.getByTestId('first-run-join').click();
  await page.getByTestId('join-hub').fill(hubUrl());
  await page.getByTestId('join-token').fill(token);
  if (shots) await screenshot(page, 'team-join-form');
  await page.getByTestId('join-submit').click();
  // Signed in as the member the hub names, with the roles it gives: nobody picked them here.
  await expect(page.getByTestId('rater-menu')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('rater-menu')).toContainText(person.id === ADJUDICATOR.id ? ADJUDICATOR.name : RATERS.find((r) => r.id === person.id)!.name);
}

/** What each rater gives the n-th item of their queue (hotkeys of harm-taxonomy 1.1.0): tui deviates on some. */
function keysFor(rater: string, n: number): string[] {
  if (rater === 'tui' && n % 2 === 0) return ['h', '2', '6'];
  if (rater === 'sam' && n === 1) return ['h', '1', '6'];
  return ['n', '0', '6'];
}

async function labelQueueByKeyboard(page: Page, rater: string): Promise<number> {
  await expect(page.getByTestId('queue-screen')).toBeVisible();
  const total = Number(await page.getByTestId('progress-total').textContent());
  expect(total).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  let id = await page.getByTestId('label-screen').getAttribute('data-sample-id');
  for (let n = 0; n < total; n++) {
    for (const key of keysFor(rater, n)) await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    if (n < total - 1) {
      await expect(page.getByTestId('label-screen')).not.toHaveAttribute('data-sample-id', id ?? '');
      id = await page.getByTestId('label-screen').getAttribute('data-sample-id');
    }
  }
  await expect(page.getByTestId('queue-screen')).toBeVisible();
  await expect(page.getByTestId('progress-done')).toHaveText(String(total));
  return total;
}

test.beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), 'concord-team-'));
  hubData = path.join(base, 'hub-data');
  // The hub: a project and its owner, made with the hub's own command line, then served on 127.0.0.1.
  const { project } = await hubJson(['project', 'create', '--data', hubData, '--name', 'Harm review Q3']);
  ownerToken = (await hubJson(['member', 'add', '--data', hubData, '--project', project, '--id', 'olga', '--name', 'Olga Owner', '--role', 'owner'])).token;
  hubPort = '0';
  await startHub();
  // The owner's workspace, made and filled with the CLI, becomes the project's source.
  ownerDir = path.join(base, 'olga');
  await cli(['init', '--workspace', ownerDir, '--owner', 'olga']);
  await cli(['import', '--workspace', ownerDir, '--file', path.join(root, 'demo', 'samples.jsonl')]);
  await cli(['connect', '--workspace', ownerDir, '--hub', hubUrl(), '--token', ownerToken]);
});

test.afterAll(async () => {
  for (const p of people.splice(0)) {
    await p.context.close();
    await p.app.stop();
  }
  await hub?.stop();
  rmSync(base, { recursive: true, force: true });
});

test('a team over a real hub: invitations, joining, offline labels, refused changes, adjudication, send-back, agreement', async ({ browser }) => {
  // ---- The owner invites the team (the hub's owner routes) and draws a batch for the three raters.
  const owner = await open(browser, 'olga', ownerDir);
  await expect(owner.page.getByTestId('signin-screen')).toBeVisible();
  await owner.page.getByTestId('profile-option').and(owner.page.locator('[data-profile="olga"]')).click();
  const asOwner = hubClient(hubUrl(), ownerToken);
  // From the Team screen: name, id and role; the token is shown once.
  await owner.page.getByTestId('nav-team').click();
  await expect(owner.page.getByTestId('team-screen')).toBeVisible();
  for (const m of [...RATERS.map((r) => ({ ...r, role: 'rater' })), { ...ADJUDICATOR, role: 'adjudicator' }]) {
    await owner.page.getByTestId('invite-member').click();
    const dialog = owner.page.getByRole('dialog', { name: 'Invite a member' });
    await dialog.getByTestId('profile-name').fill(m.name);
    await dialog.getByTestId('profile-id').fill(m.id);
    if (m.role !== 'rater') {
      await dialog.getByTestId('invite-role-rater').click();
      await dialog.getByTestId(`invite-role-${m.role}`).click();
    }
    await dialog.getByTestId('invite-submit').click();
    const token = owner.page.getByTestId('invite-token');
    await expect(token).toHaveValue(/^cch_/);
    tokens[m.id] = await token.inputValue();
    if (m.id === ADJUDICATOR.id) await screenshot(owner.page, 'team-invite-token');
    await owner.page.getByTestId('invite-done').click();
    await expect(owner.page.getByTestId('invite-token')).toBeHidden();
  }
  await expect(owner.page.getByTestId('member-row')).toHaveCount(5);
  // The hub announces the members; the owner's engine pulls them in the background.
  await expect
    .poll(async () => JSON.parse(await cli(['profiles', 'list', '--workspace', ownerDir, '--json'])).map((p: { id: string }) => p.id).sort(), { timeout: 20_000 })
    .toEqual(['ada', 'olga', 'rae', 'sam', 'tui']);
  await cli(['batch', '--workspace', ownerDir, '--name', 'Pilot', '--size', String(BATCH), '--seed', '7', '--raters', RATERS.map((r) => r.id).join(','), '--overlap', '2']);
  await expect(syncItem(owner.page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await expect(syncItem(owner.page)).toHaveAttribute('data-waiting', '0');

  step('Each joins');
  // ---- Each joins from the first run with their token. sam's engine pushes only when asked (so its
  // "waiting" state can be seen); everyone else syncs by themselves.
  const raters: Record<string, Person> = {};
  for (const r of RATERS) {
    raters[r.id] = await open(browser, r.id, path.join(base, r.id), r.id === 'sam' ? ['--pull-every', '600000', '--push-delay', '600000'] : []);
    await join(raters[r.id], tokens[r.id], r.id === 'rae');
    await expect(syncItem(raters[r.id].page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  }
  await screenshot(raters.rae.page, 'team-status-synced');
  const adjudicator = await open(browser, ADJUDICATOR.id, path.join(base, ADJUDICATOR.id));
  await join(adjudicator, tokens[ADJUDICATOR.id]);

  step('The hub goes down');
  // ---- The hub goes down; the raters label their queues by keyboard, never waiting for it.
  await hub!.stop('SIGKILL');
  const labeled: Record<string, number> = {};
  for (const r of RATERS) labeled[r.id] = await labelQueueByKeyboard(raters[r.id].page, r.id);
  expect(Object.values(labeled).reduce((a, b) => a + b, 0)).toBe(BATCH * 2);
  await expect(syncItem(raters.rae.page)).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
  await expect(syncItem(raters.rae.page)).toContainText(`Offline · ${labeled.rae} changes waiting, saved on this machine`);
  await screenshot(raters.rae.page, 'team-status-offline');
  await expect(syncItem(raters.sam.page)).toHaveAttribute('data-state', 'waiting');
  await expect(syncItem(raters.sam.page)).toContainText(`${labeled.sam} changes waiting`);
  await screenshot(raters.sam.page, 'team-status-waiting');

  step('A label for an item');
  // ---- A label for an item the hub did not assign to tui: made on tui's replica by a client that
  // wrote one anyway (the app only offers assigned items), for an item assigned to others.
  const offAssignment = await writeOffAssignmentLabel(path.join(base, 'tui'), 'tui', ownerDir);

  step('The hub is back');
  // ---- The hub is back; they sync in different orders: tui, then sam, then rae.
  await startHub();
  await syncNow(raters.tui.page);
  await syncNow(raters.sam.page);
  await syncNow(raters.rae.page);
  for (const r of RATERS) await expect(syncItem(raters[r.id].page)).toHaveAttribute('data-waiting', '0');
  // The refused label is shown to tui with the hub's reason, and kept on tui's machine.
  const refused = raters.tui.page.getByTestId('status-refused');
  await expect(refused).toHaveAttribute('data-count', '1');
  await refused.click();
  await expect(raters.tui.page.getByTestId('refused-change')).toContainText(`Label of sample ${offAssignment}`);
  await expect(raters.tui.page.getByTestId('refused-change')).toContainText(`sample "${offAssignment}" is not assigned to tui`);
  await screenshot(raters.tui.page, 'team-status-refused');
  await refused.click();

  step('The adjudicator resolves');
  // ---- The adjudicator resolves every disagreement and sends one item back.
  const adj = adjudicator.page;
  await syncNow(adj);
  // The disagreement list reads what the engine has now: open it afresh after the sync.
  await adj.reload();
  await expect(adj.getByTestId('adj-form').or(adj.getByTestId('adj-empty'))).toBeVisible();
  const rows = adj.getByTestId('adj-row');
  await expect(rows.first()).toBeVisible();
  const disagreements = await rows.count();
  expect(disagreements).toBeGreaterThan(1);
  let sentBack: string | null = null;
  for (let i = 0; i < disagreements; i++) {
    await expect(adj.getByTestId('adj-form')).toBeVisible();
    const current = await adj.getByTestId('adj-form').getAttribute('data-sample-id');
    if (i === 0) {
      sentBack = current;
      await adj.getByTestId('adj-send-back').click();
      await adj.getByTestId('adj-send-back-reason').fill('Severity: read rubric 3.2 again; this is a threat, not hate.');
      await adj.getByTestId('adj-send-back-submit').click();
    } else {
      for (const key of ['Shift+Backspace', 'n', '0', '6']) await adj.keyboard.press(key);
      await adj.keyboard.press('e');
      await adj.keyboard.type('Rubric 2.1: no harm category applies.');
      await adj.keyboard.press('Control+Enter');
    }
    if (i < disagreements - 1) await expect(adj.getByTestId('adj-form')).not.toHaveAttribute('data-sample-id', current!);
  }
  await syncNow(adj);

  step('The rater of the sent-back');
  // ---- The rater of the sent-back item sees the note once their engine has pulled it.
  const who = await ratersOf(sentBack!);
  const rater = raters[who[0]];
  await syncNow(rater.page);
  await rater.page.reload();
  await expect(rater.page.getByTestId('queue-screen')).toBeVisible();
  await expect(rater.page.getByText(/Sent back/).first()).toBeVisible({ timeout: 20_000 });
  await expect(rater.page.getByText(/read rubric 3\.2 again/).first()).toBeVisible();
  await screenshot(rater.page, 'team-sent-back-note');

  step("The owner's dashboard");
  // ---- The owner's dashboard shows the alpha the CLI computes on the owner's replica.
  await syncNow(owner.page);
  await owner.page.getByTestId('nav-dashboard').click();
  const report = JSON.parse(await cli(['agreement', '--workspace', ownerDir, '--json']));
  const severity = report.fields.find((f: { key: string }) => f.key === 'severity').summary.krippendorffAlpha.value as number;
  const shown = owner.page.getByTestId('alpha-severity');
  await expect(shown).toHaveText(severity.toFixed(3));
  expect(Number(await shown.getAttribute('data-value'))).toBeCloseTo(severity, 12);

  step('Everyone is synced');
  // ---- Everyone is synced, as the hub knows it (nothing reported still on anyone's machine).
  for (const p of people) await syncNow(p.page);
  const members = await asOwner.members();
  for (const m of members.filter((m) => m.id !== 'olga')) {
    expect([m.id, m.lastSyncAt !== null, m.reportedPending]).toEqual([m.id, true, 0]);
  }
  // And so says the owner's Team screen.
  await owner.page.getByTestId('nav-team').click();
  for (const id of [...RATERS.map((r) => r.id), ADJUDICATOR.id]) {
    const row = owner.page.locator(`[data-testid="member-row"][data-member="${id}"]`);
    await expect(row.getByTestId('member-pending')).toHaveText('All synced', { timeout: 20_000 });
    await expect(row.getByTestId('member-last-sync')).not.toHaveText(/Not joined|—/);
  }
  await screenshot(owner.page, 'team-screen-synced');

  step('A revoked member');
  // ---- A revoked member's next sync is refused, and says to enter the token again.
  await asOwner.revoke('rae');
  await raters.rae.page.getByTestId('status-sync').click();
  await raters.rae.page.getByTestId('sync-now').click();
  await expect(syncItem(raters.rae.page)).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
  await expect(raters.rae.page.getByTestId('sync-problem')).toContainText(/rae's access to this project was revoked/);
  await expect(raters.rae.page.getByTestId('sync-problem')).toContainText(/Enter the invitation token again/);
  await screenshot(raters.rae.page, 'team-status-error');
  await syncItem(raters.rae.page).click();
  const again = await asOwner.reinvite('rae');
  await raters.rae.page.getByTestId('enter-token').click();
  await raters.rae.page.getByTestId('token-input').fill(again.token);
  await raters.rae.page.getByTestId('token-submit').click();
  await expect(syncItem(raters.rae.page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
});

/** The raters a sample is assigned to, from the owner's workspace. */
async function ratersOf(sampleId: string): Promise<string[]> {
  return JSON.parse(await runTsx(`
    import { openWorkspace } from './core/workspace/workspace';
    const ws = openWorkspace(${JSON.stringify(ownerDir)}, () => {});
    console.log(JSON.stringify(ws.db.prepare('SELECT rater_id FROM assignments WHERE sample_id = ? ORDER BY rater_id').pluck().all(${JSON.stringify(sampleId)})));
    ws.close();
  `));
}

/**
 * Writes, on a rater's replica, a label for a sample assigned to other raters only: what a client
 * that ignored its assignment would push. The sample's row is copied in (a rater's replica holds
 * only its own). Answers the sample.
 */
async function writeOffAssignmentLabel(replica: string, rater: string, source: string): Promise<string> {
  return (
    await runTsx(`
    import { openWorkspace } from './core/workspace/workspace';
    import { submitLabel } from './core/workspace/labels';
    const src = openWorkspace(${JSON.stringify(source)}, () => {});
    const sample = src.db.prepare("SELECT sample_id FROM assignments GROUP BY sample_id HAVING sum(rater_id = ?) = 0 LIMIT 1").pluck().get(${JSON.stringify(rater)});
    src.close();
    const ws = openWorkspace(${JSON.stringify(replica)}, () => {});
    const seq = ws.db.prepare('SELECT event_seq FROM samples LIMIT 1').pluck().get();
    ws.db.prepare('INSERT INTO sample_rows (ordinal, id, event_seq, row_index) VALUES (1000000, ?, ?, 0)').run(sample, seq);
    submitLabel(ws, { raterId: ${JSON.stringify(rater)}, sampleId: sample, values: { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false }, timeSpentMs: 1000 });
    ws.close();
    console.log(sample);
  `)
  ).trim();
}

function runTsx(code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (c) => (c === 0 ? resolve(out) : reject(new Error(err))));
  });
}
