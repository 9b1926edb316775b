import { expect, test, type Page } from '@playwright/test';
import { flagGuidelineGap } from '../core/adjudication/adjudicate';
import { openWorkspace } from '../core/workspace/workspace';
import { serveAppForTests } from './support/served';
import { productShot, signIn } from './support/ui';

// The owner's Guidelines screen in Debian's Chromium, against the real engine: a draft survives a
// reload (saved on this machine through the engine) and can be discarded; the editor names a hotkey
// clash by field and option titles; publishing asks to confirm a rubric that still names the
// previous version; gap notes adjudicators flagged are resolved, and listed apart.

const OWNER = 'demo-owner';

test.describe.configure({ mode: 'serial' });

const served = serveAppForTests({ demo: 'team' }, (workspace) => {
  // The demo's adjudicator flags two gaps in 1.1.0 (the engine's own function, on the workspace the app serves).
  const ws = openWorkspace(workspace);
  try {
    flagGuidelineGap(ws, { note: 'Satire that mocks a politician: Hate, Harassment, or neither? The rubric does not say.', field: 'categories' }, 'ada');
    flagGuidelineGap(ws, { note: 'Severity of instructions that are wrong and therefore harmless is not covered.', field: 'severity' }, 'ada');
  } finally {
    ws.close();
  }
});

async function openGuidelines(page: Page) {
  await page.getByTestId('nav-guidelines').click();
  await expect(page.getByTestId('guidelines-screen')).toBeVisible();
}

/** Reloads the tab (its session stays) and opens the Guidelines screen again. */
async function reloadToGuidelines(page: Page) {
  await page.reload();
  const signin = page.getByTestId('signin-screen');
  if (await signin.isVisible().catch(() => false)) await signIn(page, OWNER);
  await openGuidelines(page);
}

async function waitSaved(page: Page) {
  await expect(page.getByTestId('draft-saved')).toHaveAttribute('data-state', 'saved');
}

test('a draft survives a reload; a hotkey clash is named by titles; publishing confirms a stale version line', async ({ page }) => {
  await page.goto(served.app.openUrl);
  await signIn(page, OWNER);
  await openGuidelines(page);
  await page.getByTestId('draft-new-version').click();
  const editor = page.getByTestId('draft-editor');
  await expect(editor.getByTestId('draft-version')).toHaveValue('1.2.0');
  await editor.getByTestId('draft-changelog').fill('Satire: how to rate mocking content that targets no protected group.');

  // Harassment gets Hate's hotkey: the engine's message and the place it shows are in titles.
  const harassment = editor.getByTestId('draft-option-categories-harassment');
  await harassment.getByRole('button').first().click();
  await harassment.getByTestId('draft-option-hotkey').fill('h');
  await editor.getByTestId('draft-validate').click();
  const issue = editor.getByTestId('draft-issue').filter({ hasText: 'Harassment' });
  await expect(issue).toHaveCount(1);
  await expect(issue).toHaveAttribute('data-path', 'fields[0].options[5].hotkey');
  await expect(issue.getByTestId('draft-issue-place')).toHaveText('Harm categories › Harassment › hotkey');
  await expect(issue).toContainText('hotkey "h" of "Harassment" (Harm categories) is already used by "Hate" (Harm categories)');
  await expect(issue).not.toContainText('fields[0]');
  await productShot(page, 'guidelines-hotkey-conflict');

  // Fixed (Harassment back on "a"), and the draft is saved on this machine before the reload.
  await harassment.getByTestId('draft-option-hotkey').fill('a');
  const rubric = editor.getByTestId('draft-rubric');
  await rubric.fill(`${await rubric.inputValue()}\n\n## Satire {#satire}\n\nSatire that targets no protected group is not Hate.\n`);
  await waitSaved(page);

  await reloadToGuidelines(page);
  const restored = page.getByTestId('draft-restored');
  await expect(restored).toBeVisible();
  await expect(restored).toContainText(/Draft restored \(saved \d{1,2}:\d{2}:\d{2}/);
  const again = page.getByTestId('draft-editor');
  await expect(again.getByTestId('draft-version')).toHaveValue('1.2.0');
  await expect(again.getByTestId('draft-changelog')).toHaveValue('Satire: how to rate mocking content that targets no protected group.');
  await expect(again.getByTestId('draft-rubric')).toHaveValue(/## Satire \{#satire\}/);
  await productShot(page, 'guidelines-draft-restored');

  // Valid, but the rubric still says "Version 1.1.0.": publishing asks, it does not refuse.
  await again.getByTestId('draft-validate').click();
  await expect(again.getByTestId('draft-status')).toHaveAttribute('data-state', 'valid');
  await expect(again.getByTestId('draft-warning')).toHaveCount(1);
  await expect(again.getByTestId('draft-warning')).toContainText('the rubric still names 1.1.0 while this is 1.2.0');
  await productShot(page, 'guidelines-draft-warning');
  await again.getByTestId('draft-publish').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('draft-publish-warnings')).toContainText('Version 1.1.0.');
  await expect(page.getByTestId('draft-publish-confirm')).toBeDisabled();
  await productShot(page, 'guidelines-publish-warning');
  await dialog.getByTestId('draft-publish-acknowledge').check();
  await expect(page.getByTestId('draft-publish-confirm')).toBeEnabled();
  // Rather than publish it so, the owner lets the editor move the version line on, and validates again.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await again.getByTestId('draft-update-version-lines').click();
  await expect(again.getByTestId('draft-rubric')).toHaveValue(/^# .*\n\nVersion 1\.2\.0\. These guidelines/);
  await expect(again.getByTestId('draft-status')).toHaveAttribute('data-state', 'stale');
  await again.getByTestId('draft-validate').click();
  await expect(again.getByTestId('draft-status')).toHaveAttribute('data-state', 'valid');
  await expect(again.getByTestId('draft-warning')).toHaveCount(0);
  await again.getByTestId('draft-publish').click();
  await expect(dialog.getByTestId('draft-publish-warnings')).toHaveCount(0);
  await page.getByTestId('draft-publish-confirm').click();
  await expect(page.getByTestId('draft-editor')).toBeHidden();
  await expect(page.getByTestId('guideline-version')).toHaveText('1.2.0');

  // Published: the engine dropped the saved draft, so a reload restores nothing.
  await reloadToGuidelines(page);
  await expect(page.getByTestId('guideline-version')).toHaveText('1.2.0');
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  await expect(page.getByTestId('draft-editor')).toHaveCount(0);

  // A restored draft can be thrown away, and stays away after the next reload.
  await page.getByTestId('draft-new-version').click();
  await expect(page.getByTestId('draft-version')).toHaveValue('1.3.0');
  await page.getByTestId('draft-changelog').fill('Not needed after all.');
  // Reloaded before the save's delay is up: the tab saves as it goes, so nothing typed is lost.
  await reloadToGuidelines(page);
  await expect(page.getByTestId('draft-changelog')).toHaveValue('Not needed after all.');
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByTestId('draft-version')).toHaveValue('1.3.0');
  await page.getByTestId('draft-restored-discard').click();
  await expect(page.getByTestId('draft-editor')).toHaveCount(0);
  await reloadToGuidelines(page);
  await expect(page.getByTestId('guideline-version')).toHaveText('1.2.0');
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
});

test('gap notes are resolved: open ones first, resolved ones apart with the note and who resolved', async ({ page }) => {
  await page.goto(served.app.openUrl);
  await signIn(page, OWNER);
  await openGuidelines(page);
  await page.getByTestId('version-row').and(page.locator('[data-version="1.1.0"]')).click();
  await expect(page.getByTestId('open-gap-count')).toHaveText('2');
  await page.getByTestId('tab-notes').click();
  const open = page.getByTestId('gap-notes').getByTestId('gap-note');
  await expect(open).toHaveCount(2);
  await expect(page.getByTestId('gap-note-resolved')).toHaveCount(0);

  const satire = open.filter({ hasText: 'Satire that mocks a politician' });
  await expect(satire).toContainText('Ada Ivers');
  await satire.getByTestId('gap-resolve').click();
  const form = satire.getByTestId('gap-resolve-form');
  await expect(form.getByTestId('gap-resolve-submit')).toBeDisabled();
  await form.getByTestId('gap-resolve-note').fill('1.2.0 adds a Satire section: satire that targets no protected group is not Hate.');
  await form.getByTestId('gap-resolve-version').click();
  await page.getByRole('option', { name: '1.2.0' }).click();
  await productShot(page, 'guidelines-gap-resolving');
  await form.getByTestId('gap-resolve-submit').click();

  await expect(open).toHaveCount(1);
  await expect(open).toContainText('Severity of instructions');
  const resolved = page.getByTestId('gap-note-resolved');
  await expect(resolved).toHaveCount(1);
  await expect(resolved).toContainText('Satire that mocks a politician');
  await expect(resolved.getByTestId('gap-resolution')).toContainText('1.2.0 adds a Satire section');
  await expect(resolved.getByTestId('gap-resolution')).toContainText('Resolved by Demo Owner');
  await expect(resolved.getByTestId('gap-resolution')).toContainText('addressed in 1.2.0');
  await expect(page.getByTestId('open-gap-count')).toHaveText('1');
  await productShot(page, 'guidelines-gap-notes');

  // The resolution is an event in the workspace (it syncs like every event), and survives a reload.
  await page.reload();
  await openGuidelines(page);
  await page.getByTestId('version-row').and(page.locator('[data-version="1.1.0"]')).click();
  await page.getByTestId('tab-notes').click();
  await expect(page.getByTestId('gap-note-resolved')).toHaveCount(1);
  const ws = openWorkspace(served.workspace);
  try {
    expect(ws.db.prepare(`SELECT author, json_extract(payload, '$.addressedIn') AS v FROM events WHERE type = 'guideline.gap_resolved'`).all()).toEqual([{ author: OWNER, v: '1.2.0' }]);
  } finally {
    ws.close();
  }
});
