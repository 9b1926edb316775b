import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, removeWorkspace, root, startApp, tempWorkspaceDir, type RunningApp } from './support/app';
import { addPerson, nextItemAfter, productShot, signIn, switchProfile } from './support/ui';

// The whole review loop of one workspace, in Debian's Chromium against the real engine: the owner
// creates a batch (overlap 3, 10% gold), three raters label it by keyboard only, the adjudicator
// resolves every disagreement, the dashboard shows the alpha the CLI computes, a new guideline
// version is drafted, diffed and published, and the export holds the adjudicated labels.

let app: RunningApp;
let workspace: string;

const BATCH_SIZE = 20;
const RATERS = [
  { id: 'ana', name: 'Ana Ruiz' },
  { id: 'ben', name: 'Ben Okafor' },
  { id: 'cho', name: 'Cho Min-jun' },
];

/**
 * What each rater gives the n-th item of their queue, as hotkeys of harm-taxonomy 1.1.0
 * (n = None, h = Hate, 0-4 = severity, 6 = Complied). Ben and Cho deviate on some items, so there
 * are disagreements to adjudicate, and the majority is always "None, 0, Complied".
 */
function keysFor(rater: string, n: number): string[] {
  if (rater === 'ben' && n % 4 === 1) return ['h', '2', '6'];
  if (rater === 'cho' && n % 5 === 2) return ['h', '1', '6'];
  return ['n', '0', '6'];
}
const expectedDisagreements = Array.from({ length: BATCH_SIZE }, (_, n) => n).filter((n) => n % 4 === 1 || n % 5 === 2).length;

async function cliJson(args: string[]) {
  return JSON.parse(await cli([...args, '--workspace', workspace, '--json']));
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  workspace = tempWorkspaceDir();
  app = await startApp(workspace, { demo: true });
  // Gold items (benign demo samples, with their reference label) for the batch's gold share.
  const benign = new Set(['email', 'homework', 'coding', 'cooking', 'travel', 'writing']);
  const gold = readDemo().filter((r) => benign.has(r.metadata.topic)).slice(0, 20);
  const file = path.join(path.dirname(workspace), 'gold.jsonl');
  writeFileSync(file, gold.map((r) => JSON.stringify({ sample: r.id, values: { categories: ['none'], severity: 0, refusal: 'complied', needs_expert_review: false } })).join('\n'));
  await cli(['gold', '--workspace', workspace, '--file', file]);
});

test.afterAll(async () => {
  await app?.stop();
  removeWorkspace(workspace);
});

function readDemo(): { id: string; metadata: { topic: string } }[] {
  const text = readFileSync(path.join(root, 'demo', 'samples.jsonl'), 'utf8');
  return text.trim().split('\n').map((l) => JSON.parse(l));
}

async function labelQueueByKeyboard(page: Page, rater: string) {
  await expect(page.getByTestId('queue-screen')).toBeVisible();
  await expect(page.getByTestId('progress-total')).toHaveText(String(BATCH_SIZE));
  await page.keyboard.press('Enter');
  let id = await page.getByTestId('label-screen').getAttribute('data-sample-id');
  for (let n = 0; n < BATCH_SIZE; n++) {
    for (const key of keysFor(rater, n)) await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    if (n < BATCH_SIZE - 1) id = await nextItemAfter(page, id);
  }
  // The last submit returns to the queue, all done.
  await expect(page.getByTestId('queue-screen')).toBeVisible();
  await expect(page.getByTestId('progress-done')).toHaveText(String(BATCH_SIZE));
}

test('owner batch, three raters by keyboard, adjudication, dashboard = CLI, guideline version, export', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(app.openUrl);

  // The demo's owner adds the team on the People screen: an owner who also adjudicates, and three raters.
  await signIn(page, 'demo-owner');
  await addPerson(page, { id: 'olu', name: 'Olu Adeyemi', roles: ['owner', 'adjudicator'] });
  for (const r of RATERS) await addPerson(page, r);
  await expect(page.getByTestId('person-row')).toHaveCount(6);
  await productShot(page, 'people');
  await switchProfile(page);
  await signIn(page, 'olu');

  // The owner creates the batch: 20 items, every item to all three raters, 10% gold.
  await page.getByTestId('nav-batches').click();
  await page.getByTestId('new-batch').click();
  const form = page.getByTestId('batch-form');
  await form.getByTestId('batch-name').fill('Pilot: harm taxonomy');
  await form.getByTestId('batch-size').fill(String(BATCH_SIZE));
  await form.getByTestId('batch-seed').fill('42');
  await form.getByTestId('batch-overlap-k').fill('3');
  await form.getByTestId('batch-gold').fill('10');
  // The pool is exactly the three raters (the demo workspace has a rater profile of its own).
  await form.getByTestId('batch-raters-none').click();
  for (const r of RATERS) {
    const box = form.getByTestId(`batch-rater-${r.id}`);
    await box.click();
    await expect(box).toHaveAttribute('aria-checked', 'true');
  }
  await form.getByTestId('batch-create').click();
  await expect(page.getByTestId('batch-result')).toBeVisible();
  await expect(page.getByTestId('result-items')).toHaveText(String(BATCH_SIZE));
  await expect(page.getByTestId('result-gold')).toHaveText(String(BATCH_SIZE / 10));
  await expect(page.getByTestId('result-assignments')).toHaveText(String(BATCH_SIZE * 3));
  await page.getByTestId('batch-result-close').click();
  await expect(page.getByTestId('batch-row')).toHaveCount(1);
  const batches = await cliJson(['status']);
  expect(batches.samples).toBeGreaterThan(200);

  // Each rater labels the whole batch with the keyboard only.
  for (const r of RATERS) {
    await switchProfile(page);
    await signIn(page, r.id);
    await labelQueueByKeyboard(page, r.id);
  }
  expect((await cliJson(['status'])).labels).toBe(BATCH_SIZE * RATERS.length);

  // The adjudicator resolves every disagreement, keyboard first.
  await switchProfile(page);
  await signIn(page, 'olu');
  await page.getByTestId('nav-adjudicate').click();
  await expect(page.getByTestId('adj-row')).toHaveCount(expectedDisagreements);
  let shot = false;
  for (let i = 0; i < expectedDisagreements; i++) {
    await expect(page.getByTestId('adj-form')).toBeVisible();
    if (!shot) {
      await productShot(page, 'adjudication-screen');
      shot = true;
    }
    const current = await page.getByTestId('adj-form').getAttribute('data-sample-id');
    // The final label by keyboard: clear the majority's prefill, then None, severity 0, Complied
    // (on one item two of three raters said Hate: the adjudicator overrules the majority there).
    for (const key of ['Shift+Backspace', 'n', '0', '6']) await page.keyboard.press(key);
    await page.keyboard.press('e');
    await expect(page.getByTestId('adj-reason')).toBeFocused();
    await page.keyboard.type('Majority and rubric agree: no harm category applies.');
    await page.keyboard.press('Control+Enter');
    expect(current).toBeTruthy();
    if (i < expectedDisagreements - 1) await expect(page.getByTestId('adj-form')).not.toHaveAttribute('data-sample-id', current!);
  }
  await expect(page.getByTestId('adj-empty')).toBeVisible();
  const open = await cliJson(['disagreements', '--any']);
  expect(open).toHaveLength(expectedDisagreements);
  expect(open.every((d: { adjudicated: boolean }) => d.adjudicated)).toBe(true);

  // The dashboard shows the same alpha as `concord agreement --workspace`.
  await page.getByTestId('nav-dashboard').click();
  const cliReport = await cliJson(['agreement']);
  const severity = cliReport.fields.find((f: { key: string }) => f.key === 'severity').summary.krippendorffAlpha.value as number;
  const shown = page.getByTestId('alpha-severity');
  await expect(shown).toHaveText(severity.toFixed(3));
  expect(Number(await shown.getAttribute('data-value'))).toBeCloseTo(severity, 12);
  // The headline counts are about this batch: its 20 items, 2 of them gold, every disagreement adjudicated.
  await expect(page.getByTestId('kpi-items')).toHaveAttribute('data-value', '20');
  await expect(page.getByTestId('kpi-gold')).toHaveAttribute('data-value', '2');
  await expect(page.getByTestId('kpi-adjudicated')).toHaveAttribute('data-value', String(expectedDisagreements));
  await productShot(page, 'dashboard');

  // A new guideline version: drafted from 1.1.0, validated, diffed, published.
  await page.getByTestId('nav-guidelines').click();
  await page.getByTestId('draft-new-version').click();
  const editor = page.getByTestId('draft-editor');
  await expect(editor.getByTestId('draft-version')).toHaveValue('1.2.0');
  await editor.getByTestId('draft-changelog').fill('Satire: how to rate mocking content that targets no protected group.');
  const rubric = editor.getByTestId('draft-rubric');
  // The rubric's version line moves on with it (else publishing asks to confirm the stale one).
  await rubric.fill(`${(await rubric.inputValue()).replace('Version 1.1.0.', 'Version 1.2.0.')}\n\n## Satire\n\nSatire that targets no protected group is not Hate.\n`);
  await editor.getByTestId('draft-validate').click();
  await expect(editor.getByTestId('draft-issue')).toHaveCount(0);
  await editor.getByTestId('draft-publish').click();
  await page.getByTestId('draft-publish-confirm').click();
  await expect(page.getByTestId('draft-editor')).toBeHidden();
  expect((await cliJson(['status'])).activeGuideline).toEqual({ id: 'harm-taxonomy', version: '1.2.0' });
  // The diff opens on the new version against the one before it.
  await page.getByTestId('tab-diff').click();
  await expect(page.getByTestId('diff-from')).toHaveValue('1.1.0');
  await expect(page.getByTestId('diff-to')).toHaveValue('1.2.0');
  await expect(page.getByTestId('guideline-diff')).toContainText('Satire');
  await productShot(page, 'guideline-diff');

  // Mid-batch: the owner keeps the batch under the version it started with.
  await page.getByTestId('nav-batches').click();
  await page.getByTestId('batch-continue').click();

  // Export: the adjudicated labels are the final ones.
  await page.getByTestId('nav-export').click();
  await page.getByTestId('export-run').click();
  const file = (await page.getByTestId('export-file').textContent())!.trim();
  await expect(page.getByTestId('export-source-adjudicated')).toHaveText(String(expectedDisagreements));
  const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const adjudicated = rows.filter((r) => r.concord.source === 'adjudicated');
  expect(adjudicated).toHaveLength(expectedDisagreements);
  for (const r of adjudicated) expect(r.concord.values).toMatchObject({ categories: ['none'], severity: 0 });
  // The screen's command-line equivalent runs as written in a shell and writes the same file.
  const command = (await page.getByTestId('export-cli').textContent())!.trim();
  expect(command).toMatch(/^npx concord export /);
  const written = readFileSync(file, 'utf8');
  rmSync(file);
  const run = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(readFileSync(file, 'utf8')).toBe(written);
  await productShot(page, 'export');
});
