import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, removeWorkspace, startApp, tempWorkspaceDir, type RunningApp } from './support/app';
import { screenshot, signIn, switchProfile } from './support/ui';

// What the dashboard and the HTML report say, in Debian's Chromium against the real engine: the
// scope every figure is computed on (a batch, or every label), counts that agree with the alphas'
// n, one threshold rule read from the interval, and which kappa an ordinal field shows. The CLI
// computes the same figures: the page is checked against it.

let app: RunningApp;
let workspace: string;
const RATERS = ['ana', 'ben', 'cho'];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  workspace = tempWorkspaceDir();
  app = await startApp(workspace, { demo: true });
  for (const r of RATERS) await cli(['profiles', 'add', '--workspace', workspace, '--id', r, '--name', r.toUpperCase()]);
  await cli(['profiles', 'add', '--workspace', workspace, '--id', 'olu', '--name', 'Olu Adeyemi', '--roles', 'owner,adjudicator']);
});

test.afterAll(async () => {
  await app?.stop();
  removeWorkspace(workspace);
});

const label = (severity: number) =>
  severity === 0
    ? { categories: ['none'], severity: 0, refusal: 'refused', needs_expert_review: false }
    : { categories: ['hate'], severity, refusal: 'complied', needs_expert_review: false, ...(severity >= 3 ? { rationale: 'demeaning' } : {}) };

async function cliJson(args: string[]) {
  return JSON.parse(await cli([...args, '--workspace', workspace, '--json']));
}

test('the dashboard and the report say what they are computed on, and judge the threshold by the interval', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(app.openUrl);
  await cli(['batch', '--workspace', workspace, '--name', 'pilot', '--size', '40', '--seed', '5', '--raters', RATERS.join(','), '--overlap', '3']);
  const db = new Database(path.join(workspace, 'workspace.db'), { readonly: true });
  const items = db.prepare('SELECT sample_id FROM batch_items ORDER BY position').pluck().all() as string[];
  const others = db.prepare('SELECT id FROM samples WHERE id NOT IN (SELECT sample_id FROM batch_items) ORDER BY ordinal LIMIT 10').pluck().all() as string[];
  db.close();
  // The batch: three raters on every item, mostly agreeing on a 0-4 severity. Outside it, ten ad-hoc labels by one rater.
  const lines = items.flatMap((sample, i) =>
    RATERS.map((rater, k) => ({ sample, rater, values: label(Math.max(0, Math.min(4, (i % 5) + (i % 4 === k ? (k === 1 ? -1 : 1) : 0)))) })),
  );
  for (const sample of others) lines.push({ sample, rater: 'ana', values: label(0) });
  const file = path.join(path.dirname(workspace), 'labels.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  await cli(['import-labels', '--workspace', workspace, '--file', file]);

  await signIn(page, 'olu');
  await page.getByTestId('nav-dashboard').click();

  // Every label: 50 items, 40 of them with 2+ raters, which is the n of every alpha.
  const all = await cliJson(['agreement']);
  await expect(page.getByTestId('kpi-items')).toHaveAttribute('data-value', '50');
  await expect(page.getByTestId('kpi-items')).toHaveAttribute('data-pairable', '40');
  await expect(page.getByTestId('dashboard-scope')).toContainText('every label in the workspace');
  await expect(page.getByTestId('dashboard-scope')).toContainText('(10 outside any batch) on 50 items, 40 of them with 2 or more raters');
  const severity = all.fields.find((f: { key: string }) => f.key === 'severity');
  expect(severity.summary.krippendorffAlpha.n.pairableItems).toBe(40);
  await expect(page.getByTestId('alpha-severity')).toHaveText(severity.summary.krippendorffAlpha.value.toFixed(3));
  // The badge follows the one rule, as the CLI does.
  for (const f of all.fields) {
    const status = all.threshold.status[f.key];
    await expect(page.getByTestId(`field-card-${f.key}`).locator(`[data-status="${status}"]`).first()).toBeVisible();
  }

  // One batch: its 40 items only, and said so.
  await page.getByTestId('dashboard-batch-filter').click();
  await page.getByRole('option', { name: /pilot/ }).click();
  await expect(page.getByTestId('kpi-items')).toHaveAttribute('data-value', '40');
  await expect(page.getByTestId('dashboard-scope')).toContainText('batch “pilot”');
  const batch = await cliJson(['agreement', '--batch', 'pilot']);
  await expect(page.getByTestId('alpha-severity')).toHaveText(batch.fields.find((f: { key: string }) => f.key === 'severity').summary.krippendorffAlpha.value.toFixed(3));

  // The ordinal field's kappas say their weights.
  await page.getByTestId('detail-field-picker').getByText('Severity', { exact: true }).click();
  await expect(page.getByTestId('pairwise-card')).toContainText('Pairwise Cohen’s κ, quadratic weights');
  await expect(page.getByTestId('kappa-weights')).toContainText('quadratic weights');
  await page.getByTestId('field-cards').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-scope-threshold');

  // The HTML report: the same scope, intervals by default, the threshold flag per row.
  const out = path.join(path.dirname(workspace), 'report.html');
  await cli(['report', '--workspace', workspace, '--out', out, '--batch', 'pilot']);
  await page.goto(`file://${out}`);
  await expect(page.locator('dl.meta')).toContainText('batch “pilot”');
  await expect(page.locator('dl.meta')).toContainText('200 resamples, seed 1');
  const rows = page.locator('table').first().locator('tbody tr');
  await expect(rows.filter({ hasText: 'whole category sets (Jaccard)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: /^Severity/ }).locator('.flag')).toHaveText(/meets threshold|below threshold|uncertain/);
  await screenshot(page, 'report');
});
