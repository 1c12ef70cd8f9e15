import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { builders, expectStatus, staffApi, type Builders, type StaffApi } from './builders';

export { expect };

export const DEMO_PASSWORD = process.env.PASAR_DEMO_PASSWORD || 'Pasar-Demo-2026';
/** OPS-7: the published demo authenticator secret of the demo admin and finance accounts (server/seed.ts). */
export const DEMO_TOTP_SECRET = 'PASARDEMOTOTPSECRETONLYFORDEMO22';

/**
 * The code an authenticator app shows for `secret`, `stepsAhead` 30-second steps from now. The server
 * accepts one step ahead and each step once: a login right after another of the same account uses the
 * next step.
 */
export function totpCode(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/**
 * The staff accounts the reset recreates (server/seed.ts DEMO_STAFF, same order), by the part they play
 * in a story; `finance2` is the second finance user for four-eyes approvals (WDR-6).
 */
export const STAFF = {
  admin: 'admin@pasar.test',
  support: 'support@pasar.test',
  trust_safety: 'trust@pasar.test',
  finance: 'finance@pasar.test',
  finance2: 'finance2@pasar.test',
} as const;
export type StaffMember = keyof typeof STAFF;

/** The console's per-user "open the next case after a decision" choice in localStorage (QueueBar.tsx). */
export const autoNextKey = (staffId: number) => `pasar.autoNextCase.${staffId}`;

/** Where the setup project keeps each staff member's logged-in browser state. */
export const authFile = (who: StaffMember) =>
  path.resolve(import.meta.dirname, '../../test-results/e2e-auth', `${who}.json`);

interface Fixtures {
  /** Empties the database before every test (auto): no test sees another's data or the demo seed. */
  resetDatabase: void;
  /** Who the test's `page` is logged in as (storageState from the setup project); none by default. */
  staffMember: StaffMember | null;
  /** A page of another staff member's console, for stories with two people (four-eyes approvals). */
  pageAs: (who: StaffMember) => Promise<Page>;
  /** The staff API in a staff member's session (for builders and checks a story makes off-screen). */
  staffApiOf: (who: StaffMember) => Promise<StaffApi>;
  /** Builders of users, sellers, services, orders, payouts, warnings... through the product's API. */
  make: Builders;
}

export const test = base.extend<Fixtures>({
  resetDatabase: [
    async ({ request }, use) => {
      const res = await request.post('/api/test/reset');
      expect(res.status(), await res.text()).toBe(200);
      await use();
    },
    { auto: true },
  ],
  staffMember: [null, { option: true }],
  storageState: async ({ staffMember, storageState }, use) => {
    await use(staffMember ? authFile(staffMember) : storageState);
  },
  pageAs: async ({ browser, baseURL }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (who) => {
      const context = await browser.newContext({ baseURL, storageState: authFile(who) });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  staffApiOf: async ({ playwright, baseURL, resetDatabase }, use) => {
    void resetDatabase; // the sessions are read after the reset, which keeps them
    const open = new Map<StaffMember, Promise<{ api: StaffApi; dispose: () => Promise<void> }>>();
    await use(async (who) => {
      if (!open.has(who))
        open.set(
          who,
          (async () => {
            const request = await playwright.request.newContext({ baseURL, storageState: authFile(who) });
            return { api: await staffApi(request), dispose: () => request.dispose() };
          })(),
        );
      return (await open.get(who)!).api;
    });
    for (const session of open.values()) await (await session).dispose();
  },
  make: async ({ request, staffApiOf }, use) => {
    await use(builders(request, staffApiOf));
  },
});

/** Logs in on the console's login page; with a TOTP secret, gives the code in the second step (OPS-7). */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD, totpSecret?: string) {
  const secret =
    totpSecret ?? (/^(admin|finance|finance2)@pasar\.test$/.test(email) ? DEMO_TOTP_SECRET : undefined);
  await page.goto('/#/login');
  await page.getByRole('textbox', { name: 'Username' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  if (secret) {
    const code = page.getByRole('textbox', { name: /authentication code/i });
    await expect(code).toBeVisible();
    await code.fill(await totpCode(secret, 1));
    await page.getByRole('button', { name: /sign in/i }).click();
  }
  await expect(page.getByRole('menuitem', { name: /my activity/i })).toBeVisible();
}

export async function logOut(page: Page) {
  await page.getByRole('button', { name: /profile/i }).click();
  await page.getByRole('menuitem', { name: /logout/i }).click();
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
}

/** Opens the console as the test's staff member, on the dashboard. */
export async function openConsole(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('menuitem', { name: /my activity/i })).toBeVisible();
}

/** The names of the resource entries in the side menu. */
export async function menuEntries(page: Page): Promise<string[]> {
  const items = page.locator('.RaMenu-open [role="menuitem"], .RaMenu-closed [role="menuitem"]');
  await expect(items.first()).toBeVisible();
  return (await items.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/** A row of a console list, found by a user's email (its dots are literal, not "any character"). */
export const byEmail = (email: string) => new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

export { expectStatus };

export type Lang = 'en' | 'id';
const MONTHS: Record<Lang, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
};
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The text the console must show for an instant, written out by hand as the oracle: Jakarta is UTC+7 all
 * year (no daylight saving), English writes 05:15 and Indonesian 05.15.
 */
export function consoleDateTime(iso: string, lang: Lang = 'en'): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const time = [pad(d.getUTCHours()), pad(d.getUTCMinutes())].join(lang === 'id' ? '.' : ':');
  return `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]} ${d.getUTCFullYear()}, ${time} WIB`;
}

/**
 * Runs axe on what the page shows now and fails on any serious or critical violation (#16 item 10),
 * naming each with the first offending element so the failure says where to look.
 */
export async function expectAccessible(page: Page) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  // A dialog or a notification fading in is half transparent: axe would measure the contrast of a colour on
  // its way in. Judge the page once its transitions have finished.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes[0]?.target.join(' ')}`);
  expect(bad, `axe on ${page.url()}`).toEqual([]);
}
