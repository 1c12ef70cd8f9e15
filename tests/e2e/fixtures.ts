import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = process.env.PASAR_DEMO_PASSWORD || 'Pasar-Demo-2026';

export const DEMO = {
  admin: 'admin@pasar.test',
  support: 'support@pasar.test',
  trust_safety: 'trust@pasar.test',
  finance: 'finance@pasar.test',
} as const;

/** The second demo finance user, for four-eyes approvals (WDR-6). */
export const FINANCE_2 = 'finance2@pasar.test';

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/#/login');
  await page.getByRole('textbox', { name: 'Username' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByRole('menuitem', { name: /my activity/i })).toBeVisible();
}

export async function logOut(page: Page) {
  await page.getByRole('button', { name: /profile/i }).click();
  await page.getByRole('menuitem', { name: /logout/i }).click();
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
}

/** The names of the resource entries in the side menu. */
export async function menuEntries(page: Page): Promise<string[]> {
  const items = page.locator('.RaMenu-open [role="menuitem"], .RaMenu-closed [role="menuitem"]');
  await expect(items.first()).toBeVisible();
  return (await items.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}
