// The dashboard's Graders section and the HTML report's show the figures `concord graders` computes,
// on a workspace with a review under way (scripts/seed-review-demo.ts: graded demo samples, three
// raters, adjudications).
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, removeWorkspace, root, startApp, tempWorkspaceDir, type RunningApp } from './support/app';
import { screenshot, shotsDir, signIn } from './support/ui';

let app: RunningApp;
let workspace: string;

test.beforeAll(async () => {
  workspace = tempWorkspaceDir();
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-review-demo.ts', '--workspace', workspace], { cwd: root, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  app = await startApp(workspace);
});

test.afterAll(async () => {
  await app?.stop();
  removeWorkspace(workspace);
});

test('the Graders section shows the CLI figures, with a reliability diagram and a precision-recall curve', async ({ page }) => {
  const cliView = JSON.parse(await cli(['graders', '--workspace', workspace, '--json']));
  const toxicity = cliView.graders.find((g: { key: string }) => g.key === 'toxicity');
  await page.goto(app.openUrl);
  await signIn(page, 'olu');
  await page.getByTestId('nav-dashboard').click();
  const section = page.getByTestId('graders-section');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('graders-basis')).toContainText('Human positive: Severity at least 1');
  await expect(section.getByTestId('grader-row')).toHaveCount(cliView.graders.length);
  const row = section.getByTestId('grader-row').and(page.locator('[data-key="toxicity"]'));
  await expect(row.getByTestId('grader-kappa')).toContainText(toxicity.kappa.value.toFixed(3));
  await expect(row.getByTestId('grader-auc')).toContainText(`${toxicity.auc.value.toFixed(3)} [${toxicity.intervals.auc.interval[0].toFixed(3)}, ${toxicity.intervals.auc.interval[1].toFixed(3)}]`);
  await row.click();
  await expect(section.getByTestId('reliability-chart')).toBeVisible();
  await expect(section.getByTestId('pr-chart')).toBeVisible();
  await expect(section.getByTestId('bins-table').locator('tbody tr')).toHaveCount(toxicity.bins.filter((b: { n: number }) => b.n > 0).length);
  await page.waitForTimeout(300); // charts draw on the next frames
  await section.screenshot({ path: path.join(shotsDir, 'dashboard-graders.png') });
  await screenshot(page, 'dashboard-graders-page');

  // Unresolved items (no final label until adjudicated) are left out, and the basis says how many.
  if (cliView.unresolved) await expect(section.getByTestId('graders-basis')).toContainText(`${cliView.unresolved} unresolved, awaiting adjudication, left out`);

  // The dashboard's batch scope is the section's too: the CLI's figures for that batch, and said so.
  const batchName = 'Pilot: harm taxonomy 1.1';
  const inBatch = JSON.parse(await cli(['graders', '--workspace', workspace, '--batch', batchName, '--json']));
  await page.getByTestId('dashboard-batch-filter').click();
  await page.getByRole('option', { name: /Pilot/ }).click();
  await expect(section.getByTestId('graders-basis')).toContainText(`of ${inBatch.labelled} items in batch “${batchName}”`);
  const batchRow = section.getByTestId('grader-row').and(page.locator('[data-key="toxicity"]'));
  await expect(batchRow.getByTestId('grader-kappa')).toContainText(inBatch.graders.find((g: { key: string }) => g.key === 'toxicity').kappa.value.toFixed(3));

  // The HTML report carries the same section, charts as SVG, no script.
  const out = path.join(path.dirname(workspace), 'report.html');
  await cli(['report', '--workspace', workspace, '--out', out]);
  const html = readFileSync(out, 'utf8');
  expect(html).toContain('Automated graders against humans');
  expect(html).toMatch(new RegExp(`<td>toxicity</td><td class="n">${toxicity.n}</td>`));
  expect(html).not.toMatch(/<script/i);
  // On a batch, the report's graders section is on that batch too, as the dashboard's is.
  const batchOut = path.join(path.dirname(workspace), 'report-batch.html');
  await cli(['report', '--workspace', workspace, '--out', batchOut, '--batch', batchName]);
  expect(readFileSync(batchOut, 'utf8')).toMatch(new RegExp(`of ${inBatch.labelled} items in batch “${batchName}”.*?</p>`));
  await page.goto(`file://${out}`);
  await page.getByRole('heading', { name: 'Automated graders against humans' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shotsDir, 'report-graders.png'), fullPage: false });
  await page.getByRole('heading', { name: 'toxicity' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shotsDir, 'report-grader-charts.png') });
});
