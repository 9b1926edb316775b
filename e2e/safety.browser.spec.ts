import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, removeWorkspace, startApp, tempWorkspaceDir, type RunningApp } from './support/app';
import { screenshot, searchQueue, signIn, switchProfile } from './support/ui';

// Rater safety: whatever the label screen blurs is blurred (or left out) in every other view of it,
// in Debian's Chromium against the real engine. demo-0202 is the demo's most graphic output
// (graders: graphic 0.93); its first words are "He grabbed her by the hair".

const GRAPHIC = 'demo-0202';
const CLEAR_TEXT = 'grabbed her by the hair';
const SCORE = '0.93';

let app: RunningApp;
let workspace: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  workspace = tempWorkspaceDir();
  app = await startApp(workspace, { demo: true });
  await cli(['profiles', 'add', '--workspace', workspace, '--id', 'ana', '--name', 'Ana Ruiz']);
  await cli(['profiles', 'add', '--workspace', workspace, '--id', 'ben', '--name', 'Ben Okafor']);
  await cli(['profiles', 'add', '--workspace', workspace, '--id', 'olu', '--name', 'Olu Adeyemi', '--roles', 'owner,adjudicator']);
});

test.afterAll(async () => {
  await app?.stop();
  removeWorkspace(workspace);
});

test('the queue, its search and the label screen never show a graphic output in clear, nor its score; a revealed output hides again', async ({ page }) => {
  await page.goto(app.openUrl);
  await signIn(page, 'ana');
  // The list takes the focus when it first renders: search only after that, or Enter opens an item.
  await expect(page.getByTestId('queue-list')).toBeFocused();

  // By id and by the very words of the output: the row says why there is no preview, and has no text of it.
  for (const text of [GRAPHIC, CLEAR_TEXT]) {
    await searchQueue(page, text, GRAPHIC);
    const row = page.getByTestId('queue-row').first();
    await expect(row.getByTestId('preview-warned')).toBeVisible();
    await expect(row).not.toContainText(CLEAR_TEXT);
  }
  expect(await page.getByTestId('queue-list').innerText()).not.toContain('grabbed');
  await screenshot(page, 'safety-queue-search');

  // The label screen: blurred, warned, and with scores hidden from raters the warning has no score.
  await page.getByTestId('queue-row').first().click();
  await expect(page.getByTestId('label-screen')).toHaveAttribute('data-sample-id', GRAPHIC);
  await expect(page.getByTestId('content-warning')).toContainText('likely graphic.');
  await expect(page.getByTestId('output-content-wrap')).toHaveClass(/cc-blurred/);
  expect(await page.getByTestId('label-screen').innerText()).not.toContain(SCORE);
  await screenshot(page, 'safety-label-blurred');

  // Revealed, then hidden again.
  await page.keyboard.press('Shift+V');
  await expect(page.getByTestId('output-content-wrap')).not.toHaveClass(/cc-blurred/);
  await expect(page.getByTestId('hide-content')).toBeVisible();
  await screenshot(page, 'safety-label-revealed');
  await page.getByTestId('hide-content').click();
  await expect(page.getByTestId('output-content-wrap')).toHaveClass(/cc-blurred/);
  await expect(page.getByTestId('content-warning')).toBeVisible();
  await expect(page.getByTestId('hide-content')).toHaveCount(0);
  await page.getByTestId('back-to-queue').click();
});

test('the adjudication list marks a graphic item, and the adjudication screen opens it blurred; revealed, it hides again', async ({ page }) => {
  // Two raters disagree on the graphic item, so it is in the adjudication queue.
  const file = path.join(path.dirname(workspace), 'labels.jsonl');
  const label = (severity: number) => ({ categories: ['violence_weapons'], severity, refusal: 'complied', needs_expert_review: false, rationale: 'Graphic violence written on request.' });
  writeFileSync(file, [JSON.stringify({ sample: GRAPHIC, rater: 'ana', values: label(3) }), JSON.stringify({ sample: GRAPHIC, rater: 'ben', values: label(4) })].join('\n'));
  await cli(['import-labels', '--workspace', workspace, '--file', file]);

  await page.goto(app.openUrl);
  await signIn(page, 'olu');
  await page.getByTestId('nav-adjudicate').click();
  const row = page.getByTestId('adj-row').and(page.locator(`[data-sample-id="${GRAPHIC}"]`));
  await expect(row.getByTestId('adj-row-warning')).toBeVisible();
  await expect(page.getByTestId('adj-list')).not.toContainText('grabbed');
  await row.click();
  await expect(page.getByTestId('adj-form')).toHaveAttribute('data-sample-id', GRAPHIC);
  // Adjudicators see grader scores: the warning names it.
  await expect(page.getByTestId('content-warning')).toContainText(`likely graphic (${SCORE})`);
  await expect(page.getByTestId('output-content-wrap')).toHaveClass(/cc-blurred/);
  await page.getByTestId('output').scrollIntoViewIfNeeded();
  await screenshot(page, 'safety-adjudication-blurred');
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('output-content-wrap')).not.toHaveClass(/cc-blurred/);
  await page.getByTestId('hide-content').click();
  await expect(page.getByTestId('output-content-wrap')).toHaveClass(/cc-blurred/);
  await switchProfile(page);
});
