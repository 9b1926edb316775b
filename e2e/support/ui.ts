import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './app';

export const shotsDir = path.join(root, 'e2e/screenshots');

export async function screenshot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  // Let running CSS transitions end (a switch just flipped was caught half-way).
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown> }[] } }).document;
    return Promise.all(doc.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

/** Signs in as an existing profile (by id), or creates it first with the given roles. */
export async function signIn(page: Page, id: string, name: string, roles: ('rater' | 'adjudicator' | 'owner')[] = ['rater']) {
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  const existing = page.getByTestId('profile-option').and(page.locator(`[data-profile="${id}"]`));
  if (await existing.count()) {
    await existing.first().click();
  } else {
    // With no profiles yet, the screen shows the creation form straight away.
    if (await page.getByTestId('new-profile').isVisible()) await page.getByTestId('new-profile').click();
    await page.getByTestId('profile-id').fill(id);
    await page.getByTestId('profile-name').fill(name);
    // The form starts with "rater" chosen: toggle each role that differs.
    for (const role of ['rater', 'adjudicator', 'owner'] as const) {
      const chip = page.getByTestId(`profile-role-${role}`);
      // Mantine's Chip hides its checkbox: a user clicks the chip's label.
      if ((await chip.isChecked()) !== roles.includes(role)) await page.locator(`label[for="${await chip.getAttribute('id')}"]`).click();
      await expect(chip).toBeChecked({ checked: roles.includes(role) });
    }
    await page.getByTestId('create-profile').click();
  }
  await expect(page.getByTestId('signin-screen')).toBeHidden();
}

/** Back to the sign-in screen, through the profile menu. */
export async function switchProfile(page: Page) {
  await page.getByTestId('rater-menu').click();
  await page.getByTestId('switch-rater').click();
  await expect(page.getByTestId('signin-screen')).toBeVisible();
}

export const currentItem = (page: Page) => page.getByTestId('label-screen').getAttribute('data-sample-id');

/** Waits until the label screen shows a different item than `previous`, and returns its id. */
export async function nextItemAfter(page: Page, previous: string | null): Promise<string> {
  await expect(page.getByTestId('label-screen')).not.toHaveAttribute('data-sample-id', previous ?? '');
  return (await currentItem(page))!;
}

/** A benign label by keyboard only: None, severity 0, Complied. */
export async function typeBenignLabel(page: Page) {
  await page.keyboard.press('n');
  await page.keyboard.press('0');
  await page.keyboard.press('6');
}
