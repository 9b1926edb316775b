import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeChord } from '../shared/keys/chords';
import { root } from './support/app';
import { serveAppForTests } from './support/served';
import { screenshot, searchQueue, signIn, switchProfile } from './support/ui';

// Issue 15, "Keys": no two actions share a key in any cheat sheet, and the keys do what the sheet
// says; glyphs that look alike are told apart (a bundled font, and the cap says which it is); Esc
// then Enter does not reopen a dialog. In Debian's Chromium against the real engine: the demo with
// its team (queue, label screen, adjudication, disagreement list), and the plain demo, whose rater
// labels the whole pool under the active guideline, where the owner publishes a version on each
// bundled guideline's fields in turn.

const KEY_FONT = 'Atkinson Hyperlegible Mono';

interface Section {
  name: string;
  keys: string[];
}

/** The cheat sheet's key caps by section (keys that work together), each as its normalized chord. */
async function sheetSections(page: Page): Promise<Section[]> {
  const sheet = page.getByTestId('cheatsheet');
  await expect(sheet).toBeVisible();
  // At 1280x800 the whole sheet shows: nothing to scroll to.
  const { scroll, client } = await sheet.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  expect(scroll, 'the sheet scrolls').toBeLessThanOrEqual(client);
  const sections = await sheet.locator('[data-keys-section]').evaluateAll((els) =>
    els.map((el) => ({ name: el.getAttribute('data-keys-section')!, keys: [...el.querySelectorAll('[data-key]')].map((k) => k.getAttribute('data-key')!) })),
  );
  const merged = new Map<string, string[]>();
  for (const s of sections) merged.set(s.name, [...(merged.get(s.name) ?? []), ...s.keys.map(normalizeChord)]);
  return [...merged].map(([name, keys]) => ({ name, keys }));
}

/** Keys listed more than once among these sections (which work together on one screen). */
function repeated(sections: Section[], names: string[]): string[] {
  const all = sections.filter((s) => names.includes(s.name)).flatMap((s) => s.keys);
  return [...new Set(all.filter((k, i) => all.indexOf(k) !== i))];
}

/** Every key of the sheet is listed once, the app's and the guideline's together. */
async function expectNoKeyTwice(page: Page, together: string[][]) {
  const sections = await sheetSections(page);
  expect(sections.map((s) => s.name).sort()).toEqual([...new Set(together.flat())].sort());
  for (const names of together) {
    expect(sections.filter((s) => names.includes(s.name)).flatMap((s) => s.keys).length).toBeGreaterThan(5);
    expect(repeated(sections, names), `keys listed twice in ${names.join(' + ')}`).toEqual([]);
  }
  return sections;
}

/** A look-alike key cap names its glyph, and is drawn in the bundled key font, loaded from the app itself. */
async function expectLookalikeCap(cap: Locator, name: string) {
  await expect(cap).toHaveAttribute('aria-label', name);
  await expect(cap).toHaveAttribute('title', name);
  expect(await cap.evaluate((el) => getComputedStyle(el).fontFamily)).toContain(KEY_FONT);
  const loaded = await cap.evaluate(async (el, family) => {
    await document.fonts.ready;
    const style = getComputedStyle(el);
    // check() alone is true for a family no @font-face declares: the face must also be there, loaded.
    const face = [...document.fonts].some((f) => f.family.replace(/"/g, '') === family && f.status === 'loaded');
    return face && document.fonts.check(`${style.fontWeight} ${style.fontSize} "${family}"`, el.textContent ?? '');
  }, KEY_FONT);
  expect(loaded).toBe(true);
}

/** Esc closes the dialog; the Enter after it does not open it again (nor does the focus sit on a button). */
async function expectEscThenEnterStaysClosed(page: Page, dialog: Locator) {
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BUTTON');
  await page.keyboard.press('Enter');
  // Long enough for a reopened dialog to show (Mantine's transition is 200 ms).
  await page.waitForTimeout(400);
  await expect(dialog).toBeHidden();
}

test.describe.configure({ mode: 'serial' });

test.describe('the demo with its team', () => {
  const served = serveAppForTests({ demo: 'team' });
  const fontRequests: string[] = [];

  test('queue and label screen: one key per action, the keys do what the sheet says, look-alikes told apart, Esc then Enter', async ({ page }) => {
    page.on('request', (r) => {
      if (r.resourceType() === 'font') fontRequests.push(r.url());
    });
    await page.goto(served.app.openUrl);
    await signIn(page, 'ana');
    await expect(page.getByTestId('queue-list')).toBeFocused();

    // The queue's sheet, opened by its button: Esc closes it, and Enter then does the queue's Enter
    // (open the selected item), not the button's (open the sheet again).
    await page.getByTestId('open-cheatsheet').click();
    const sheet = page.getByTestId('cheatsheet');
    await expectNoKeyTwice(page, [['queue']]);
    await screenshot(page, 'keys-queue-cheatsheet');
    await expectEscThenEnterStaysClosed(page, sheet);
    const label = page.getByTestId('label-screen');
    await expect(label).toBeVisible();

    // The label screen under the demo's guideline (harm-taxonomy 1.1.0): ? opens the sheet.
    await expect(page.getByTestId('status-guideline')).toContainText('harm-taxonomy@1.1.0');
    await page.keyboard.press('?');
    const sections = await expectNoKeyTwice(page, [['label', 'guideline']]);
    const labelKeys = sections.find((s) => s.name === 'label')!.keys;
    expect(labelKeys).toContain(normalizeChord('Shift+V'));
    // This guideline gives the rationale its own key (t): the app's `e` is not on the sheet, and does nothing.
    expect(labelKeys).not.toContain('e');
    expect(sections.find((s) => s.name === 'guideline')!.keys).toContain('t');
    await expectLookalikeCap(sheet.locator('[data-key="l"]'), 'lowercase letter L');
    await expectLookalikeCap(sheet.locator('[data-key="1"]'), 'digit one');
    await expectLookalikeCap(sheet.locator('[data-key="0"]'), 'digit zero');
    await screenshot(page, 'keys-label-cheatsheet');
    await page.keyboard.press('?');
    await expect(sheet).toBeHidden();

    // The keys do what the sheet says: l toggles Self-harm, on and off.
    const selfHarm = page.getByTestId('option-categories-self_harm');
    await expect(selfHarm).toHaveAttribute('data-checked', 'false');
    await page.keyboard.press('l');
    await expect(selfHarm).toHaveAttribute('data-checked', 'true');
    await page.keyboard.press('l');
    await expect(selfHarm).toHaveAttribute('data-checked', 'false');
    const rationale = page.getByTestId('input-rationale');
    await page.keyboard.press('e');
    await expect(rationale).not.toBeFocused();
    await page.keyboard.press('t');
    await expect(rationale).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(rationale).not.toBeFocused();
    // Shift+R shows or hides the rubric, as listed.
    const rubric = page.getByTestId('toggle-rubric');
    const open = (await rubric.getAttribute('aria-pressed'))!;
    await page.keyboard.press('Shift+R');
    await expect(rubric).toHaveAttribute('aria-pressed', open === 'true' ? 'false' : 'true');
    await page.keyboard.press('Shift+R');
    await expect(rubric).toHaveAttribute('aria-pressed', open);

    // The caps on the form: the level "1" says it is the digit, in the key font.
    await expectLookalikeCap(page.getByTestId('level-severity-1').locator('kbd'), 'digit one');
    await expectLookalikeCap(selfHarm.locator('kbd'), 'lowercase letter L');

    // The label screen's sheet, opened by its button: Esc, then Enter (submit, here refused: the form is empty).
    await page.getByTestId('open-cheatsheet').click();
    await expectEscThenEnterStaysClosed(page, sheet);

    // The font came from the app's own origin, nowhere else.
    expect(fontRequests.length).toBeGreaterThan(0);
    for (const url of fontRequests) expect(url.startsWith(served.app.url)).toBe(true);
  });

  test('adjudication and its disagreement list: one key per action, the list keys move and open, Esc then Enter', async ({ page }) => {
    await page.goto(served.app.openUrl);
    await signIn(page, 'ada');
    await page.getByTestId('nav-adjudicate').click();
    const screen = page.getByTestId('adjudicate-screen');
    await expect(screen).toHaveAttribute('data-sample-id', /.+/);
    // Esc goes to the list, as the sheet says.
    const list = page.getByTestId('adj-list');
    await page.keyboard.press('Escape');
    await expect(list).toBeFocused();

    // The sheet lists the screen's keys and the list's, each set with the guideline's (the final label).
    await page.keyboard.press('?');
    const sheet = page.getByTestId('cheatsheet');
    await expectNoKeyTwice(page, [
      ['adjudication', 'guideline'],
      ['list', 'guideline'],
    ]);
    await expectLookalikeCap(sheet.locator('[data-key="l"]'), 'lowercase letter L');
    await screenshot(page, 'keys-adjudication-cheatsheet');
    // Esc closes the sheet and gives the focus back to the list, where it was.
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(list).toBeFocused();

    // In the list, j moves the cursor and Enter opens that disagreement.
    const rows = page.getByTestId('adj-row');
    expect(await rows.count()).toBeGreaterThan(2);
    const selected = page.locator('[data-testid="adj-row"][aria-selected="true"]');
    const before = await selected.getAttribute('data-sample-id');
    await page.keyboard.press('j');
    await expect(selected).not.toHaveAttribute('data-sample-id', before!);
    const target = (await selected.getAttribute('data-sample-id'))!;
    await page.keyboard.press('Enter');
    await expect(screen).toHaveAttribute('data-sample-id', target);

    // Out of the list, e goes to the reason and a guideline key sets the final label.
    await page.keyboard.press('e');
    const reason = page.getByTestId('adj-reason');
    await expect(reason).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(reason).not.toBeFocused();
    const selfHarm = page.getByTestId('adj-form').getByTestId('option-categories-self_harm');
    const was = await selfHarm.getAttribute('data-checked');
    await page.keyboard.press('l');
    await expect(selfHarm).not.toHaveAttribute('data-checked', was!);
    await page.keyboard.press('l');
    await expect(selfHarm).toHaveAttribute('data-checked', was!);

    // The sheet opened by its button, then the send-back dialog (a Mantine modal): Esc, then Enter.
    // (That Enter adjudicates: with no reason yet it is refused and the focus goes to the reason; Esc leaves it.)
    await page.getByTestId('open-cheatsheet').click();
    await expectEscThenEnterStaysClosed(page, sheet);
    await expect(reason).toBeFocused();
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    await expectEscThenEnterStaysClosed(page, page.getByRole('dialog', { name: 'Send back for re-labeling' }));
  });
});

test.describe('the plain demo, on each bundled guideline', () => {
  const served = serveAppForTests({ demo: true });

  /** A bundled version's pack, its rubric read in (pack.json names the file). */
  const bundled = (version: string) => {
    const dir = path.join(root, 'guidelines/harm-taxonomy', version);
    const pack = JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8'));
    return { ...pack, rubric: readFileSync(path.join(dir, pack.rubric), 'utf8') };
  };

  /**
   * The owner publishes the next version from the Guidelines screen, its fields edited as JSON. The
   * first time, the publish dialog (opened by its button) is closed with Esc then Enter, and stays closed.
   */
  async function publish(page: Page, edit: (pack: Record<string, unknown>) => Record<string, unknown>, escapeFirst: boolean): Promise<string> {
    await signIn(page, 'demo-owner');
    await page.getByTestId('nav-guidelines').click();
    await page.getByTestId('draft-new-version').click();
    const editor = page.getByTestId('draft-editor');
    const version = await editor.getByTestId('draft-version').inputValue();
    await editor.getByTestId('draft-changelog').fill(`Keys: the fields of another bundled version, as ${version}.`);
    await editor.getByTestId('draft-mode-json').click();
    const json = editor.getByTestId('draft-json');
    const pack = edit(JSON.parse(await json.inputValue()));
    pack.rubric = String(pack.rubric).replace(/Version \d+\.\d+\.\d+\./, `Version ${version}.`);
    await json.fill(JSON.stringify(pack, null, 2));
    await editor.getByTestId('draft-validate').click();
    await expect(editor.getByTestId('draft-status')).toHaveAttribute('data-state', 'valid');
    await editor.getByTestId('draft-publish').click();
    const dialog = page.getByTestId('draft-publish-dialog');
    if (escapeFirst) {
      await expectEscThenEnterStaysClosed(page, page.getByRole('dialog'));
      await editor.getByTestId('draft-publish').click();
    }
    const acknowledge = dialog.getByTestId('draft-publish-acknowledge');
    if (await acknowledge.isVisible().catch(() => false)) await acknowledge.check();
    await page.getByTestId('draft-publish-confirm').click();
    await expect(page.getByTestId('draft-editor')).toBeHidden();
    await switchProfile(page);
    return version;
  }

  /** The rater's label screen on the active version: its sheet lists no key twice. */
  async function labelSheet(page: Page, version: string, shot: string) {
    await signIn(page, 'demo-rater');
    await expect(page.getByTestId('status-guideline')).toContainText(`harm-taxonomy@${version}`);
    await expect(page.getByTestId('queue-list')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('label-screen')).toBeVisible();
    await page.keyboard.press('?');
    const sections = await expectNoKeyTwice(page, [['label', 'guideline']]);
    await screenshot(page, shot);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('cheatsheet')).toBeHidden();
    return sections;
  }

  test('every bundled guideline: one key per action; e writes the rationale only where the guideline gives it no key; Shift+V reveals', async ({ page }) => {
    await page.goto(served.app.openUrl);

    // 1.1.0, the active one: the graphic item opens blurred and Shift+V (as the sheet says) reveals it.
    const active = await labelSheet(page, '1.1.0', 'keys-label-1.1.0');
    expect(active.find((s) => s.name === 'label')!.keys).toContain(normalizeChord('Shift+V'));
    await page.keyboard.press('Escape');
    await searchQueue(page, 'demo-0165', 'demo-0165');
    await page.getByTestId('queue-row').first().click();
    await expect(page.getByTestId('output-content-wrap')).toHaveClass(/cc-blurred/);
    await page.keyboard.press('v');
    await expect(page.getByTestId('output-content-wrap')).toHaveClass(/cc-blurred/);
    await page.keyboard.press('Shift+V');
    await expect(page.getByTestId('output-content-wrap')).not.toHaveClass(/cc-blurred/);
    await switchProfile(page);

    // 1.0.0's fields and hotkeys (Hate and harassment one category, no `a`), published as the next version.
    const v1 = bundled('1.0.0');
    const onV1 = await publish(
      page,
      (p) => ({ ...p, fields: v1.fields, rules: v1.rules, rubric: v1.rubric, mapping: { from: '1.1.0', fields: { categories: { hate: ['hate_harassment'], harassment: ['hate_harassment'] } } } }),
      true,
    );
    const first = await labelSheet(page, onV1, 'keys-label-1.0.0-fields');
    expect(first.find((s) => s.name === 'guideline')!.keys).not.toContain('a');
    expect(first.find((s) => s.name === 'label')!.keys).not.toContain('e');
    await switchProfile(page);

    // 1.1.0 with no key for the rationale: now `e` is on the sheet, and writes the rationale.
    const v11 = bundled('1.1.0');
    const noKey = await publish(
      page,
      (p) => ({
        ...p,
        fields: (v11.fields as { key: string; hotkey?: string }[]).map(({ hotkey, ...f }) => (f.key === 'rationale' ? f : { ...f, ...(hotkey ? { hotkey } : {}) })),
        rules: v11.rules,
        rubric: v11.rubric,
        mapping: { from: onV1, fields: { categories: { hate_harassment: ['hate', 'harassment'] } } },
      }),
      false,
    );
    const second = await labelSheet(page, noKey, 'keys-label-no-rationale-key');
    expect(second.find((s) => s.name === 'label')!.keys).toContain('e');
    expect(second.find((s) => s.name === 'guideline')!.keys).not.toContain('t');
    const rationale = page.getByTestId('input-rationale');
    await page.keyboard.press('t');
    await expect(rationale).not.toBeFocused();
    await page.keyboard.press('e');
    await expect(rationale).toBeFocused();
  });
});
