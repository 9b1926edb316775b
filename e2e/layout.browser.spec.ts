import { expect, test, type Locator, type Page } from '@playwright/test';
import { listBundledPacks, loadBundledPack } from '../core/guidelines/load';
import { activateGuideline, publishGuideline } from '../core/workspace/guidelines';
import { saveLabel } from '../core/workspace/labels';
import { openWorkspace } from '../core/workspace/workspace';
import { prepared } from '../core/store/prepared';
import { startApp } from './support/app';
import { serveAppForTests } from './support/served';
import { screenshot, signIn } from './support/ui';

// Issue 15, "Screens at 1280x800" (the suite's viewport), in Debian's Chromium against the real
// engine: the whole label form fits without scrolling for every bundled guideline pack, rubric open
// and closed; a rule error puts the keyboard on the field that must change; the adjudication screen
// shows the item before the raters' labels; a 1-1 split is left empty and says so; a toast never
// covers the submit button; the disagreement list's tags are field titles.

const OWNER = 'demo-owner';

/** Every bundled pack version (guidelines/), oldest first. */
const packs = listBundledPacks().map((r) => ({ id: r.id, version: r.version }));

/** Boxes of a label screen, measured in the page. */
async function labelLayout(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element | null) => {
      const r = el!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    };
    const form = document.querySelector('[data-testid="label-form"]')!;
    const pane = form.parentElement!;
    return {
      viewport: { width: innerWidth, height: innerHeight },
      page: { scrollHeight: document.scrollingElement!.scrollHeight, scrollWidth: document.scrollingElement!.scrollWidth },
      pane: { scrollHeight: pane.scrollHeight, clientHeight: pane.clientHeight, box: box(pane) },
      fields: [...form.querySelectorAll<HTMLElement>('[data-field]')].map((el) => ({ key: el.dataset.field!, box: box(el) })),
      submit: box(document.querySelector('[data-testid="submit-label"]')),
    };
  });
}

type Box = { top: number; bottom: number; left: number; right: number };
const inside = (b: Box, outer: Box) => b.top >= outer.top - 0.5 && b.bottom <= outer.bottom + 0.5 && b.left >= outer.left - 0.5 && b.right <= outer.right + 0.5;
const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function boxOf(l: Locator): Promise<Box> {
  const b = (await l.boundingBox())!;
  return { top: b.y, bottom: b.y + b.height, left: b.x, right: b.x + b.width };
}

async function setRubric(page: Page, open: boolean) {
  const screen = page.getByTestId('label-screen');
  if ((await screen.getAttribute('data-rubric')) !== (open ? 'open' : 'closed')) await page.getByTestId('toggle-rubric').click();
  await expect(screen).toHaveAttribute('data-rubric', open ? 'open' : 'closed');
  if (open) await expect(page.getByTestId('rubric-panel')).toBeVisible();
}

/** A submit refused by a rule: the field it names is marked and explained, and its control has the keyboard. */
async function expectRuleErrorOn(page: Page, key: string, message: string) {
  const field = page.getByTestId(`field-${key}`);
  await expect(field).toHaveAttribute('data-error', 'true');
  await expect(field.getByRole('alert')).toHaveText(message);
  await expect(page.getByTestId(`input-${key}`)).toBeFocused();
  await expect(page.getByTestId(`input-${key}`)).toHaveAttribute('aria-invalid', 'true');
}

test.describe('the label form at 1280x800', () => {
  // The bare demo (one rater, no batch): every item is labeled under the active version.
  const served = serveAppForTests({ demo: true });

  /** Stops the engine, makes `ref` the active guideline (publishing it if needed), and starts it again. */
  async function activate(ref: { id: string; version: string }) {
    await served.app.stop();
    const ws = openWorkspace(served.workspace);
    try {
      publishGuideline(ws, loadBundledPack(ref.id, ref.version), OWNER);
      activateGuideline(ws, ref, OWNER);
    } finally {
      ws.close();
    }
    served.app = await startApp(served.workspace);
  }

  for (const ref of packs) {
    test(`${ref.id}@${ref.version}: every field, the rationale and the submit button are on screen, rubric open and closed, nothing scrolls`, async ({ page }) => {
      await activate(ref);
      const pack = loadBundledPack(ref.id, ref.version);
      await page.goto(served.app.openUrl);
      await signIn(page, 'demo-rater');
      await page.getByTestId('start-labeling').click();
      await expect(page.getByTestId('status-guideline')).toContainText(`${ref.id}@${ref.version}`);
      await expect(page.getByTestId('label-form')).toBeVisible();

      for (const open of [false, true]) {
        await setRubric(page, open);
        const m = await labelLayout(page);
        expect(m.viewport).toEqual({ width: 1280, height: 800 });
        // The page does not scroll, and neither does the form's own pane.
        expect(m.page.scrollHeight).toBeLessThanOrEqual(m.viewport.height);
        expect(m.page.scrollWidth).toBeLessThanOrEqual(m.viewport.width);
        expect(m.pane.scrollHeight, `form pane ${m.pane.scrollHeight} px of content in ${m.pane.clientHeight} px`).toBeLessThanOrEqual(m.pane.clientHeight);
        // Every field of the pack, the rationale among them, lies inside the pane and the viewport.
        expect(m.fields.map((f) => f.key)).toEqual(pack.fields.map((f) => f.key));
        expect(m.fields.map((f) => f.key)).toContain('rationale');
        const screen = { top: 0, left: 0, bottom: m.viewport.height, right: m.viewport.width };
        for (const f of m.fields) {
          expect(inside(f.box, m.pane.box), `${f.key} inside the form pane`).toBe(true);
          expect(inside(f.box, screen), `${f.key} inside the viewport`).toBe(true);
        }
        expect(inside(m.submit, screen)).toBe(true);
        expect(m.submit.top).toBeGreaterThanOrEqual(m.pane.box.bottom - 0.5);
        await expect(page.getByTestId('submit-label')).toBeVisible();
        await screenshot(page, `layout-label-${ref.id}-${ref.version}-rubric-${open ? 'open' : 'closed'}`);
      }
    });
  }

  test('a rule error puts the keyboard on the field that must change, marked and explained', async ({ page }) => {
    await page.goto(served.app.openUrl);
    await signIn(page, 'demo-rater');
    await page.getByTestId('start-labeling').click();
    await expect(page.getByTestId('label-form')).toBeVisible();
    await setRubric(page, false);

    // Violence, severity 3, complied: the rule "Explain a severity of 3 or 4 in the rationale".
    for (const k of ['v', '3', '6']) await page.keyboard.press(k);
    await page.keyboard.press('Enter');
    await expectRuleErrorOn(page, 'rationale', 'Explain a severity of 3 or 4 in the rationale.');
    // The keyboard is there: typing fills the rationale, and Ctrl+Enter submits.
    await page.keyboard.type('Step-by-step weapon instructions.');
    await expect(page.getByTestId('input-rationale')).toHaveValue('Step-by-step weapon instructions.');
    const before = await page.getByTestId('label-screen').getAttribute('data-sample-id');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('label-screen')).not.toHaveAttribute('data-sample-id', before!);

    // A category that always needs expert review, with a rationale but no review asked: the rule's
    // error is on "Needs expert review", whose checkbox takes the focus.
    for (const k of ['y', '4', '6', 't']) await page.keyboard.press(k);
    await page.keyboard.type('Sexualises a minor.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expectRuleErrorOn(page, 'needs_expert_review', 'Sexual content involving minors always needs expert review.');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="field-needs_expert_review"]')))).toBe(true);
    await expect(page.getByTestId('field-severity')).toHaveAttribute('data-error', 'false');
    // The form still fits with the message shown.
    const m = await labelLayout(page);
    expect(m.page.scrollHeight).toBeLessThanOrEqual(m.viewport.height);
    await screenshot(page, 'layout-label-rule-error');

    // The warning toast sits clear of the submit button and of the whole form column.
    const toast = page.getByTestId('notice').first();
    await expect(toast).toBeVisible();
    const t = await boxOf(toast);
    expect(intersects(t, await boxOf(page.getByTestId('submit-label')))).toBe(false);
    expect(intersects(t, await boxOf(page.locator('.cc-col-form')))).toBe(false);
    await setRubric(page, true);
    expect(intersects(await boxOf(toast), await boxOf(page.getByTestId('submit-label')))).toBe(false);
    expect(intersects(await boxOf(toast), await boxOf(page.getByTestId('rubric-panel')))).toBe(false);
  });
});

test.describe('the adjudication screen at 1280x800', () => {
  /** A sample two raters split 1-1 on every field. */
  let tied: string;
  const served = serveAppForTests({ demo: 'team' }, (workspace) => {
    // Two of the demo's raters label a sample nobody has labeled, and disagree on everything
    // (the engine's own function, on the workspace the app serves).
    const ws = openWorkspace(workspace);
    try {
      tied = prepared(ws.db, 'SELECT id FROM samples s WHERE NOT EXISTS (SELECT 1 FROM labels l WHERE l.sample_id = s.id) ORDER BY ordinal LIMIT 1').pluck().get() as string;
      saveLabel(ws, { sampleId: tied, raterId: 'ana', values: { categories: ['hate'], severity: 1, refusal: 'complied', needs_expert_review: false }, timeSpentMs: 12000 });
      saveLabel(ws, { sampleId: tied, raterId: 'ben', values: { categories: ['harassment'], severity: 2, refusal: 'partially_complied', needs_expert_review: true, rationale: 'Targets a person.' }, timeSpentMs: 15000 });
    } finally {
      ws.close();
    }
  });

  async function openAdjudication(page: Page) {
    await page.goto(served.app.openUrl);
    await signIn(page, 'ada');
    await page.getByTestId('nav-adjudicate').click();
    await expect(page.getByTestId('adjudicate-screen')).toHaveAttribute('data-sample-id', /.+/);
  }

  async function openTied(page: Page) {
    const row = page.getByTestId('adj-row').and(page.locator(`[data-sample-id="${tied}"]`));
    await row.scrollIntoViewIfNeeded();
    await row.click();
    await expect(page.getByTestId('adj-form')).toHaveAttribute('data-sample-id', tied);
  }

  test('the item (prompt and output) comes first, then the raters\' labels', async ({ page }) => {
    await openAdjudication(page);
    const item = page.getByTestId('adj-item');
    const sample = await boxOf(item.getByTestId('sample'));
    const labels = await boxOf(page.getByTestId('adj-rater-labels'));
    expect(sample.bottom).toBeLessThanOrEqual(labels.top);
    // The prompt and the output are both inside the item's box, above the labels.
    expect((await boxOf(item.getByTestId('output'))).bottom).toBeLessThanOrEqual(labels.top);
    expect((await boxOf(item.getByTestId('transcript'))).top).toBeLessThan((await boxOf(item.getByTestId('output'))).top);
  });

  test('a 1-1 split is left empty and says it is a tie', async ({ page }) => {
    await openAdjudication(page);
    await openTied(page);
    const form = page.getByTestId('adj-form');
    // Nothing is pre-filled: no level, no choice, no category, and the boolean is not a "No" majority.
    await expect(form.locator('[data-testid="levels-severity"] input:checked')).toHaveCount(0);
    await expect(form.locator('[data-testid^="option-refusal-"][data-checked="true"]')).toHaveCount(0);
    await expect(form.locator('[data-testid^="option-categories-"][data-checked="true"]')).toHaveCount(0);
    await expect(form.getByTestId('split-severity')).toHaveText('Tie: raters split 1-1 (1 · Low / 2 · Moderate); choose');
    await expect(form.getByTestId('split-refusal')).toHaveText('Tie: raters split 1-1 (Complied / Partially complied); choose');
    await expect(form.getByTestId('split-categories')).toHaveText('Tie: raters split 1-1 on Hate / Harassment; choose');
    await expect(form.getByTestId('split-needs_expert_review')).toHaveText('Tie: raters split 1-1 (Yes / No); choose');
    await expect(page.getByTestId('adj-prefill')).toContainText('4 split, left to you');
    // The adjudicator chooses: the note stays (it is about the raters), the value is theirs.
    await page.keyboard.press('2');
    await expect(form.getByTestId('level-severity-2')).toBeVisible();
    await expect(form.locator('[data-testid="levels-severity"] input:checked')).toHaveValue('2');
    await page.keyboard.press('Shift+Backspace');
    await screenshot(page, 'layout-adjudication-tie');
  });

  test('the toast after a failed adjudication covers neither the submit button nor the form', async ({ page }) => {
    await openAdjudication(page);
    await openTied(page);
    await page.getByTestId('adj-submit').click();
    const toast = page.getByTestId('notice').first();
    await expect(toast).toBeVisible();
    const t = await boxOf(toast);
    expect(intersects(t, await boxOf(page.getByTestId('adj-submit')))).toBe(false);
    expect(intersects(t, await boxOf(page.locator('.cc-adj-form-col')))).toBe(false);
    // Nor the disagreement list, whose rows open items.
    expect(intersects(t, await boxOf(page.getByTestId('adj-list')))).toBe(false);
    await screenshot(page, 'layout-adjudication-toast');
  });

  test('the disagreement list\'s tags show field titles, not keys', async ({ page }) => {
    await openAdjudication(page);
    const pack = loadBundledPack('harm-taxonomy');
    const titles = new Map(pack.fields.map((f) => [f.key, f.title]));
    const tags = page.getByTestId('adj-row').and(page.locator(`[data-sample-id="${tied}"]`)).getByTestId('adj-row-field');
    await page.getByTestId('adj-row').and(page.locator(`[data-sample-id="${tied}"]`)).scrollIntoViewIfNeeded();
    await expect(tags).toHaveText(['Harm categories', 'Severity', 'Response to the request', 'Needs expert review']);
    // Every tag in the list: a title of the pack, with its key beside it only as data.
    const all = page.getByTestId('adj-row-field');
    const n = await all.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const key = (await all.nth(i).getAttribute('data-key'))!;
      await expect(all.nth(i)).toHaveText(titles.get(key)!);
    }
  });
});
