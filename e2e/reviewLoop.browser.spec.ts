import { expect, test } from '@playwright/test';
import { serveAppForTests } from './support/served';
import { productShot, screenshot, searchQueue, signIn, switchProfile, typeBenignLabel } from './support/ui';

// "The review loop, as found when tried" (issue 15), in Debian's Chromium against the real engine,
// on the demo as the app opens it (with its team at work): the owner's first minutes are not empty,
// a batch opens its detail, k larger than the pool says why, an owner marks gold and the adjudicator
// sees the reference label, flags reach the Flagged view and are resolved, the answer and a
// send-back note reach the rater, and a rater's earlier work stays under Done.

test.describe.configure({ mode: 'serial' });

const served = serveAppForTests({ demo: 'team' });

test('the owner opens a demo with a team at work; a batch opens its detail; k beyond the pool says why', async ({ page }) => {
  await page.goto(served.app.openUrl);
  await signIn(page, 'demo-owner');
  await page.getByTestId('nav-batches').click();
  await expect(page.getByTestId('batch-row')).toHaveCount(1);
  await expect(page.getByTestId('batch-progress')).not.toContainText(/^0\//);

  // The dashboard has figures on first open.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('field-cards')).toBeVisible();
  await expect(page.getByTestId('alpha-severity')).not.toHaveAttribute('data-value', '');

  // Clicking a batch opens its detail: items, raters, progress, agreement on that batch.
  await page.getByTestId('nav-batches').click();
  await page.getByRole('button', { name: 'Open batch Pilot: harm taxonomy' }).click();
  const detail = page.getByRole('region', { name: 'Batch Pilot: harm taxonomy' });
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('batch-item-row')).toHaveCount(60);
  await expect(detail.getByTestId('batch-rater-row')).toHaveCount(3);
  await expect(detail.getByTestId('batch-rater-row').and(page.locator('[data-rater="ana"]'))).toHaveAttribute('data-labeled', /^[1-9]\d*$/);
  await expect(detail.getByTestId('batch-agreement-scope')).toContainText('items have 2 or more raters');
  await expect(detail.getByTestId('alpha-severity')).not.toHaveAttribute('data-value', '');
  await expect(detail.locator('[data-testid="batch-item-row"][data-gold]')).toHaveCount(6);
  await productShot(page, 'batch-detail');
  await page.getByTestId('batch-back').click();

  // Overlap k larger than the rater pool: the value stays, and the drawer says why.
  await page.getByTestId('new-batch').click();
  const k = page.getByTestId('batch-overlap-k');
  await k.fill('5');
  await k.blur();
  await expect(k).toHaveValue('5');
  await expect(page.getByTestId('new-batch-drawer')).toContainText('Needs 5 raters; the pool below has 3');
  // The gold share shows the gold pool to draw from.
  await expect(page.getByTestId('new-batch-drawer')).toContainText(/\d+ gold items in the pool/);
  await productShot(page, 'batch-overlap-k');
  await page.keyboard.press('Escape');
});

test('an owner marks gold from the adjudication screen; the adjudicator sees the reference label beside the raters', async ({ page }) => {
  await page.goto(served.app.openUrl);
  await signIn(page, 'demo-owner');
  await page.getByTestId('nav-adjudicate').click();
  const screen = page.getByTestId('adjudicate-screen');
  await expect(screen).toHaveAttribute('data-sample-id', /.+/);
  // The demo's pilot already has gold items: open the first disagreement that is not one.
  const rows = page.getByTestId('adj-row');
  for (let i = 0; i < (await rows.count()); i++) {
    await rows.nth(i).click();
    await expect(screen).toHaveAttribute('data-sample-id', (await rows.nth(i).getAttribute('data-sample-id'))!);
    if ((await page.getByRole('group', { name: 'Gold reference label' }).count()) === 0) break;
  }
  const sampleId = (await screen.getAttribute('data-sample-id'))!;
  await expect(page.getByRole('group', { name: 'Gold reference label' })).toHaveCount(0);
  await page.getByTestId('adj-use-label').first().click();
  await page.getByTestId('mark-gold').click();
  await expect(page.getByRole('group', { name: 'Gold reference label' })).toBeVisible();
  await expect(page.getByTestId('gold-control')).toHaveAttribute('data-gold', 'true');
  await switchProfile(page);

  await signIn(page, 'ada');
  await expect(page.getByTestId('nav-adjudicate')).toBeVisible();
  await page.getByTestId('nav-adjudicate').click();
  await page.getByTestId('adj-row').and(page.locator(`[data-sample-id="${sampleId}"]`)).click();
  await expect(screen).toHaveAttribute('data-sample-id', sampleId);
  const gold = page.getByRole('group', { name: 'Gold reference label' });
  await expect(gold).toBeVisible();
  await expect(page.getByTestId('adj-rater-label').first()).toBeVisible();
  // Adjudicators read the reference label; only owners set it.
  await expect(page.getByTestId('mark-gold')).toHaveCount(0);
  await productShot(page, 'adjudication-gold');
});

test('flags reach the Flagged view with comment, rater and item; resolving one keeps its answer under Resolved', async ({ page }) => {
  await page.goto(served.app.openUrl);
  await signIn(page, 'ada');
  await page.getByRole('button', { name: 'Flagged' }).click();
  const view = page.getByRole('region', { name: 'Flagged' });
  await expect(view).toBeVisible();
  const cho = view.getByRole('article', { name: /^Flag by Cho Min-jun on / });
  await expect(cho).toBeVisible();
  await expect(cho.getByTestId('flag-comment')).toContainText('switches language half-way');
  await expect(view.getByRole('article')).toHaveCount(2);
  // Skips and open flags per rater.
  const tally = page.getByRole('complementary', { name: 'Skipped and flagged per rater' });
  await expect(tally.locator('[data-rater="ben"]')).toHaveAttribute('data-skipped', '2');
  await expect(tally.locator('[data-rater="ana"]')).toHaveAttribute('data-skipped', '1');
  await expect(tally.locator('[data-rater="cho"]')).toHaveAttribute('data-flagged', '1');
  await productShot(page, 'flagged');

  const flagged = (await cho.getAttribute('data-sample-id'))!;
  await cho.getByRole('button', { name: 'Resolve' }).click();
  await cho.getByLabel('Note for Cho Min-jun').fill('Rate the part you can read; the second language is Portuguese and says the same thing.');
  await screenshot(page, 'flagged-resolving');
  await cho.getByRole('button', { name: 'Resolve and return to Cho Min-jun' }).click();
  await expect(view.getByRole('article')).toHaveCount(1);
  await page.getByText('Resolved · 1').click();
  await expect(view.getByRole('article', { name: `Flag by Cho Min-jun on ${flagged}` }).getByTestId('flag-resolution')).toContainText('Portuguese');
});

test('a send-back reaches the rater: on the item and in the queue, until they label it again', async ({ page }) => {
  await page.goto(served.app.openUrl);
  await signIn(page, 'ada');
  await page.getByTestId('nav-adjudicate').click();
  const screen = page.getByTestId('adjudicate-screen');
  await expect(screen).toHaveAttribute('data-sample-id', /.+/);
  const sampleId = (await screen.getAttribute('data-sample-id'))!;
  await page.getByTestId('adj-send-back').click();
  await page.getByTestId('adj-send-back-reason').fill('Categories: the reply targets a group for who they are, which is hate (2.1), not harassment.');
  await page.getByTestId('adj-send-back-submit').click();
  await expect(page.getByTestId('adj-send-back-modal')).toBeHidden();
  await switchProfile(page);

  // Every rater who labeled it finds it sent back, with the note.
  let reached = 0;
  for (const rater of ['ana', 'ben', 'cho']) {
    await signIn(page, rater);
    await searchQueue(page, sampleId, sampleId);
    const row = page.getByTestId('queue-row').first();
    if ((await row.getAttribute('data-sent-back')) === 'true') {
      reached++;
      await expect(row.getByTestId('queue-sent-back')).toContainText('Sent back: Categories: the reply targets a group');
      if (reached === 1) await productShot(page, 'queue-sent-back');
      await row.click();
      const note = page.getByRole('note', { name: 'Sent back' });
      await expect(note).toContainText('which is hate (2.1)');
      if (reached === 1) {
        await productShot(page, 'label-sent-back');
        // Labeling it again ends the note.
        await typeBenignLabel(page);
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('label-screen')).not.toHaveAttribute('data-sample-id', sampleId);
        await page.getByTestId('back-to-queue').click();
        await searchQueue(page, sampleId, sampleId);
        await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-state', 'done');
        await expect(page.getByTestId('queue-row').first().getByTestId('queue-sent-back')).toHaveCount(0);
        await page.getByTestId('queue-row').first().click();
        await expect(page.getByRole('note', { name: 'Sent back' })).toHaveCount(0);
      }
    }
    await switchProfile(page);
  }
  expect(reached).toBeGreaterThanOrEqual(2);
});

test('a rater’s own earlier labels, flag and skip stay theirs under Done, Flagged and Skipped after batches exist', async ({ page }) => {
  await page.goto(served.app.openUrl);
  await signIn(page, 'ana');
  // Her first tries in the open pool, before the owner's batch: the demo's last five samples.
  const [l1, l2, l3, flagged, skipped] = ['demo-0315', 'demo-0316', 'demo-0317', 'demo-0318', 'demo-0319'];
  // The list is virtual: find each one by search under its filter.
  const find = async (filter: string, id: string, state: string) => {
    await page.getByTestId(`filter-${filter}`).click();
    await searchQueue(page, id, id);
    await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-state', state);
  };
  for (const id of [l1, l2, l3]) await find('done', id, 'done');
  await find('flagged', flagged, 'flagged');
  await find('skipped', skipped, 'skipped');
  await page.getByTestId('queue-search').fill('');
  await page.getByTestId('queue-search').press('Enter');
  await page.getByTestId('filter-done').click();
  await productShot(page, 'queue-history');
});
