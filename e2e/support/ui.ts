import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../../shared/auth/roles';
import { root } from './app';

export const shotsDir = path.join(root, 'e2e/screenshots');

export async function screenshot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  // Let running CSS transitions end (a switch just flipped was caught half-way).
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

/** A screenshot for people to look at: no error on screen, confirmations dismissed so they hide nothing. */
export async function productShot(page: Page, name: string) {
  await expect(page.getByTestId('notice').and(page.locator('[data-tone="error"]'))).toHaveCount(0);
  const close = page.getByRole('button', { name: 'Dismiss notification' });
  // A confirmation may fade on its own between the count and the click: then there is nothing to click.
  while ((await close.count()) > 0) await close.first().click({ timeout: 2000 }).catch(() => undefined);
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await screenshot(page, name);
}

/** Signs in as an existing profile (by id), from the sign-in screen. */
export async function signIn(page: Page, id: string) {
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await page.getByTestId('profile-option').and(page.locator(`[data-profile="${id}"]`)).click();
  await expect(page.getByTestId('signin-screen')).toBeHidden();
}

/** An owner adds a person on the People screen (the signed-in profile must be an owner). */
export async function addPerson(page: Page, person: { id: string; name: string; roles?: Role[] }) {
  const roles = person.roles ?? ['rater'];
  await page.getByTestId('nav-people').click();
  await page.getByTestId('add-person').click();
  const form = page.getByTestId('add-person-form');
  await form.getByTestId('profile-name').fill(person.name);
  await form.getByTestId('profile-id').fill(person.id);
  // The form starts with "rater" checked: toggle each role that differs.
  for (const role of ['rater', 'adjudicator', 'owner'] as const) {
    const box = form.getByTestId(`person-role-${role}`);
    if ((await box.isChecked()) !== roles.includes(role)) await box.click();
    await expect(box).toBeChecked({ checked: roles.includes(role) });
  }
  await form.getByTestId('add-person-submit').click();
  await expect(page.getByTestId('add-person-form')).toBeHidden();
  await expect(page.getByTestId('person-row').and(page.locator(`[data-profile="${person.id}"]`))).toBeVisible();
}

/** Back to the sign-in screen, through the profile menu. */
export async function switchProfile(page: Page) {
  await page.getByTestId('rater-menu').click();
  await page.getByTestId('switch-rater').click();
  await expect(page.getByTestId('signin-screen')).toBeVisible();
}

/**
 * Searches the rater's queue, from the keyboard. Enter goes to the search box itself: the queue's list
 * takes the focus whenever it mounts (for j/k and Enter), which it may do between typing and Enter
 * (its first page, or the search's answer, arriving), and Enter on the list opens the selected row.
 * With `first`, it waits for the search's answer to put that sample first.
 */
export async function searchQueue(page: Page, text: string, first?: string) {
  const box = page.getByTestId('queue-search');
  await box.fill(text);
  await box.press('Enter');
  if (first !== undefined) await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-sample-id', first);
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
