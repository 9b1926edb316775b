import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, removeWorkspace, startApp, tempWorkspaceDir, type RunningApp } from './support/app';
import { currentItem, nextItemAfter, screenshot, searchQueue, signIn, switchProfile, typeBenignLabel } from './support/ui';
import { HOSTILE_MARK, hostileSamples } from './fixtures/hostile';

// The rater's day, in Debian's Chromium against the real engine over the local HTTP bridge.

let app: RunningApp;
let workspace: string;

async function statusJson() {
  return JSON.parse(await cli(['status', '--workspace', workspace, '--json']));
}

/** Guards every page: no dialog may open and no request may leave the app's own origin (which changes on restart). */
function guard(page: Page, origin: () => string) {
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin()) && !url.startsWith('data:')) problems.push(`request: ${url}`);
  });
  return problems;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  workspace = tempWorkspaceDir();
  app = await startApp(workspace, { demo: true });
  // The demo's owner adds the people (the CLI acts as the workspace's local owner, Demo Owner).
  await cli(['profiles', 'add', '--workspace', workspace, '--id', 'ana', '--name', 'Ana Ruiz']);
  await cli(['profiles', 'add', '--workspace', workspace, '--id', 'ben', '--name', 'Ben Okafor']);
});

test.afterAll(async () => {
  await app?.stop();
  removeWorkspace(workspace);
});

test('first run, 20 labels by keyboard, skip, flag, undo, revise, restart, blind second rater', async ({ page }) => {
  const problems = guard(page, () => app.url);
  await page.goto(app.openUrl);
  await expect(page.getByTestId('profile-option')).toHaveCount(4);
  await screenshot(page, 'signin');
  await signIn(page, 'ana');
  await expect(page.getByTestId('status-guideline')).toContainText('harm-taxonomy@1.1.0');
  // The queue's counts arrive after the status bar's: wait for them instead of reading a first "0".
  await expect(page.getByTestId('progress-total')).not.toHaveText('0');
  const total = Number((await page.getByTestId('progress-total').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(200);
  await screenshot(page, 'queue');

  // Open the first item from the keyboard and label 20 items.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('label-screen')).toBeVisible();
  const labeled: string[] = [];
  let id = await currentItem(page);
  for (let i = 0; i < 20; i++) {
    await typeBenignLabel(page);
    if (i === 0) await screenshot(page, 'label-screen');
    await page.keyboard.press('Enter');
    labeled.push(id!);
    id = await nextItemAfter(page, id);
  }
  expect((await statusJson()).labels).toBe(20);

  // Skip, then flag with a comment.
  const skipped = id!;
  await page.keyboard.press('s');
  id = await nextItemAfter(page, skipped);
  const flagged = id;
  await page.keyboard.press('f');
  await page.getByTestId('flag-comment').fill('The prompt is cut off mid-sentence.');
  await page.keyboard.press('Control+Enter');
  id = await nextItemAfter(page, flagged);
  await expect(page.getByTestId('flag-modal')).toBeHidden();

  // Undo the last submission: it reopens the 20th item and takes its label back.
  await page.keyboard.press('u');
  await expect(page.getByTestId('label-screen')).toHaveAttribute('data-sample-id', labeled[19]);
  expect((await statusJson()).labels).toBe(19);
  // The form comes back filled with what was entered: submitting again restores the label.
  await expect(page.getByTestId('option-categories-none')).toHaveAttribute('data-checked', 'true');
  await page.keyboard.press('Enter');
  await nextItemAfter(page, labeled[19]);
  expect((await statusJson()).labels).toBe(20);

  // Go back to a labeled item and revise it: hate, severity 2.
  await page.keyboard.press('b');
  await expect(page.getByTestId('label-screen')).toHaveAttribute('data-sample-id', labeled[19]);
  await expect(page.getByTestId('item-state')).toHaveText(/done/i);
  await page.keyboard.press('n'); // None off
  await page.keyboard.press('h');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await nextItemAfter(page, labeled[19]);
  const revised = JSON.parse(await cli(['aggregate', '--workspace', workspace, '--method', 'majority', '--json'])).items.find(
    (i: { sampleId: string }) => i.sampleId === labeled[19],
  );
  expect(revised.values).toMatchObject({ categories: ['hate'], severity: 2 });

  // The rubric panel (Shift+R toggles it) shows the guideline at the definition in focus.
  if (!(await page.getByTestId('rubric-panel').isVisible())) await page.keyboard.press('Shift+R');
  await expect(page.getByTestId('rubric-panel')).toBeVisible();
  await page.keyboard.press('2');
  await expect(page.getByTestId('rubric-panel').locator('[data-target]')).toHaveCount(1);
  await screenshot(page, 'guideline-panel');

  await page.getByTestId('back-to-queue').click();
  await page.getByTestId('filter-skipped').click();
  await expect(page.getByTestId('queue-row').first()).toContainText(skipped);
  await page.getByTestId('filter-flagged').click();
  await expect(page.getByTestId('queue-row').first()).toContainText(flagged);

  // Restart the app: a new server process on the same workspace, nothing lost.
  await app.stop();
  app = await startApp(workspace);
  await page.goto(app.openUrl);
  await page.reload();
  // The old server's sessions ended with it: the tab asks to sign in again.
  await signIn(page, 'ana');
  await expect(page.getByTestId('progress-done')).toHaveText('20');
  // A reload keeps the tab's session: straight back to Ana's queue, no sign-in.
  await page.reload();
  await expect(page.getByTestId('queue-screen')).toBeVisible();
  await expect(page.getByTestId('rater-menu')).toHaveText('Ana Ruiz');
  expect(await statusJson()).toMatchObject({ labels: 20 });

  // A second rater on the same machine sees none of Ana's labels.
  await switchProfile(page);
  await signIn(page, 'ben');
  await expect(page.getByTestId('progress-done')).toHaveText('0');
  await searchQueue(page, labeled[0], labeled[0]);
  await page.getByTestId('queue-row').first().click();
  await expect(page.getByTestId('item-state')).toHaveText(/to do/i);
  await expect(page.getByTestId('existing-label')).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('a likely graphic output is blurred until revealed; grader scores reach raters only when the owner allows it', async ({ page }) => {
  const graphic = 'demo-0165'; // graders: graphic 0.86, toxicity 0.58
  const open = async () => {
    await searchQueue(page, graphic, graphic);
    await page.getByTestId('queue-row').first().click();
    await expect(page.getByTestId('label-screen')).toHaveAttribute('data-sample-id', graphic);
  };
  await page.goto(app.openUrl);
  await signIn(page, 'ana');
  await open();
  // Scores are hidden from raters: the warning does not give the score away.
  await expect(page.getByTestId('content-warning')).toContainText('likely graphic.');
  await expect(page.getByTestId('content-warning')).not.toContainText('0.86');
  await expect(page.getByTestId('output-content-wrap')).toHaveClass(/cc-blurred/);
  await expect(page.getByTestId('grader-scores')).toHaveCount(0); // hidden from raters by default
  await page.keyboard.press('Shift+V');
  await expect(page.getByTestId('content-warning')).toHaveCount(0);
  await expect(page.getByTestId('output-content-wrap')).not.toHaveClass(/cc-blurred/);
  await page.getByTestId('back-to-queue').click();

  // The owner lets raters see the graders' scores.
  await switchProfile(page);
  await signIn(page, 'demo-owner');
  await page.getByTestId('nav-batches').click();
  const toggle = page.getByTestId('grader-scores-visible');
  await expect(toggle).not.toBeChecked();
  await toggle.locator('xpath=..').click(); // Mantine's Switch: the visible track, not the hidden input
  await expect(toggle).toBeChecked();
  // Saved in the engine: the confirmation only follows the call and the refreshed workspace info.
  await expect(page.getByText('Raters now see grader scores')).toBeVisible();
  await screenshot(page, 'batches-grader-scores');

  await switchProfile(page);
  await signIn(page, 'ana');
  await open();
  await expect(page.getByTestId('grader-scores')).toContainText('toxicity');
  await expect(page.getByTestId('grader-scores')).toContainText('0.58');
  await expect(page.getByTestId('content-warning')).toBeVisible(); // blurred again on a new visit
  await expect(page.getByTestId('content-warning')).toContainText('likely graphic (0.86)');
});

test('hostile content renders inert: no script, no dialog, no request beyond the app', async ({ page }) => {
  const dir = path.dirname(workspace);
  const file = path.join(dir, 'hostile.jsonl');
  writeFileSync(file, hostileSamples().map((s) => JSON.stringify(s)).join('\n'));
  await cli(['import', '--workspace', workspace, '--file', file]);
  const problems = guard(page, () => app.url);
  await page.goto(app.openUrl);
  await signIn(page, 'ana');
  await searchQueue(page, HOSTILE_MARK);
  await expect(page.getByTestId('queue-row')).toHaveCount(hostileSamples().length);

  for (const sample of hostileSamples()) {
    await searchQueue(page, sample.id as string, sample.id as string);
    await page.getByTestId('queue-row').first().click();
    await expect(page.getByTestId('label-screen')).toHaveAttribute('data-sample-id', sample.id as string);
    const output = page.getByTestId('output');
    await expect(output).toContainText(HOSTILE_MARK);
    // Nothing active made it into the DOM from the content.
    expect(await output.locator('script, iframe, object, embed, img[src^="http"], a[href^="javascript:"], [onerror], [onload]').count()).toBe(0);
    if (sample.id === 'hostile-script') await expect(output).toContainText('<script>');
    if (sample.id === 'hostile-md-image') await expect(output).toContainText('https://evil.example/pixel.png');
    if (sample.id === 'hostile-rtl') await expect(output).toContainText('U+202E');
    if (sample.id === 'hostile-huge') {
      // 1 MB stays responsive: the screen still answers keys at once.
      await page.keyboard.press('n');
      await expect(page.getByTestId('label-form')).toContainText('None');
      await screenshot(page, 'hostile-huge');
    }
    if (sample.id === 'hostile-link') await screenshot(page, 'hostile-link');
    await page.getByTestId('back-to-queue').click();
  }
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
});
