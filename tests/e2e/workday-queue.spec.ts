import type { Page } from '@playwright/test';
import { byEmail, expect, expectAccessible as axe, openConsole, test } from './fixtures';
import { en } from '../../console/src/i18n/en';
import { id } from '../../console/src/i18n/id';

/**
 * Issue #16 items 2 and 3, as a staff member's working day at 1366×768, in English and in Indonesian: one
 * search in the app bar, and a queue worked case after case with claim, the SLA countdown and "next case".
 */
test.use({ viewport: { width: 1366, height: 768 } });

type Lang = 'en' | 'id';
const CATALOGUES = { en, id } as const;

/** The console's own words in the language under test (the catalogues the console ships). */
function say(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  let node: unknown = CATALOGUES[lang];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no ${lang} message ${key}`);
  return node.replace(/%\{(\w+)\}/g, (_m, v: string) => String(vars[v]));
}
/** A resource's plural menu name. */
const menuName = (lang: Lang, resource: string) =>
  say(lang, `resources.${resource}.name`).split('||||').pop()!.trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens the console and switches its language with the app bar's language menu. */
async function openIn(page: Page, lang: Lang) {
  await openConsole(page);
  if (lang === 'id') {
    await page.locator('header button[aria-controls="simple-menu"]').click();
    await page.getByRole('menuitem', { name: 'Bahasa Indonesia' }).click();
    await expect(page.getByRole('menuitem', { name: menuName('id', 'my-activity') })).toBeVisible();
  }
}

/** axe on the page once it has finished loading (a spinner caught mid-fetch is not what people work with). */
async function expectAccessible(page: Page) {
  await expect(async () => {
    await expect(page.locator('.MuiCircularProgress-root')).toHaveCount(0, { timeout: 1_000 });
    await axe(page);
  }).toPass({ timeout: 15_000 });
}

// A 1×1 PNG for the identity photos.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

for (const lang of ['en', 'id'] as const) {
  test.describe(`the working day (${lang})`, () => {
    test.describe('support', () => {
      test.use({ staffMember: 'support' });

      test(`a support agent finds Agus by his email in the app bar, then his \
order by its id (${lang})`, async ({ page, make }) => {
        const agus = await make.user('Agus Pratama');
        const sari = await make.seller('Sari Wulandari');
        const order = await make.order(
          agus,
          await make.service(sari, { title: 'Logo design for a coffee shop', price: 500_000 }),
        );
        await make.pay(agus, order);

        await openIn(page, lang);
        await expectAccessible(page);
        const search = page.getByRole('combobox', { name: say(lang, 'app.search.label') });
        await search.fill(agus.email);
        // Grouped by kind: the person, and (for support) the cases that name them.
        const listbox = page.getByRole('listbox');
        await expect(listbox).toContainText(say(lang, 'app.search.kind.users'));
        await expect(page.getByRole('option', { name: /Agus Pratama/ })).toBeVisible();
        await page.screenshot({ path: `test-results/screenshots/queue-search-${lang}.png` });
        await expectAccessible(page);
        await search.press('ArrowDown');
        await search.press('Enter');
        await expect(page).toHaveURL(new RegExp(`#/users/${agus.id}/show`));
        await expect(page.getByRole('main').getByText(agus.email).first()).toBeVisible();
        await expectAccessible(page);

        // An order by its id: Enter on the typed text opens the results page, grouped by kind.
        await search.fill(String(order.id));
        await expect(page.getByRole('option', { name: new RegExp(escape(order.title)) })).toBeVisible();
        await search.press('Enter');
        await expect(page).toHaveURL(/#\/search\?q=/);
        await expect(page.getByRole('heading', { name: say(lang, 'app.search.kind.orders') })).toBeVisible();
        await expectAccessible(page);
        await page
          .getByTestId('search-group-orders')
          .getByRole('link', { name: new RegExp(escape(order.title)) })
          .click();
        await expect(page).toHaveURL(new RegExp(`#/orders/${order.id}/show`));
        await expect(page.getByRole('main').getByText(order.title).first()).toBeVisible();
        await expectAccessible(page);
      });

      test(`a support agent filters the refund queue to the cases assigned to them (${lang})`, async ({
        page,
        make,
        staffApiOf,
      }) => {
        const sari = await make.seller('Sari Wulandari');
        const service = await make.service(sari, { title: 'Brochure translation', price: 300_000 });
        const agus = await make.user('Agus Pratama');
        const budi = await make.user('Budi Santoso');
        const mine = await make.order(agus, service);
        const other = await make.order(budi, service);
        await make.pay(agus, mine);
        await make.pay(budi, other);
        const claimed = await make.refundRequest(agus, mine, 'seller_not_working_as_agreed', 'No answer.');
        await make.refundRequest(budi, other, 'seller_not_working_as_agreed', 'Nothing yet.');
        const support = await staffApiOf('support');
        expect((await support.post(`/api/admin/refund-requests/${claimed.id}/claim`, {})).status).toBe(200);

        await openIn(page, lang);
        await page.getByRole('menuitem', { name: menuName(lang, 'support-cases') }).click();
        await expect(page.getByRole('columnheader', { name: say(lang, 'app.queue.sla') })).toBeVisible();
        await expect(page.getByRole('row')).toHaveCount(3);
        await expectAccessible(page);
        await page.getByRole('combobox', { name: say(lang, 'app.queue.assigned_to') }).click();
        await page.getByRole('option', { name: say(lang, 'app.queue.assigned_to_me') }).click();
        await expect(page.getByRole('row')).toHaveCount(2);
        await expect(page.getByRole('row', { name: /Agus Pratama/ })).toContainText('Sinta Support');
        await expect(page.getByRole('row', { name: /Budi Santoso/ })).toHaveCount(0);
        await expectAccessible(page);
      });
    });

    test.describe('trust & safety', () => {
      test.use({ staffMember: 'trust_safety' });

      test(`T&S claims an identity check, sees its countdown, decides, goes to \
the next case (${lang})`, async ({ page, make }) => {
        const rina = await make.seller('Rina Hartono');
        await make.identityPhotos(rina, PNG);
        await make.advanceClock(3600);
        const yoga = await make.seller('Yoga Saputra');
        await make.identityPhotos(yoga, PNG);

        await openIn(page, lang);
        await page.getByRole('menuitem', { name: menuName(lang, 'identity-checks') }).click();
        await expect(page.getByRole('columnheader', { name: say(lang, 'app.queue.sla') })).toBeVisible();
        const dueIn = new RegExp(escape(say(lang, 'app.queue.due_in', { time: '' })));
        await expect(
          page.getByRole('row', { name: byEmail(rina.email) }).getByTestId('sla-countdown'),
        ).toHaveText(dueIn);
        await expectAccessible(page);
        await page.getByRole('cell', { name: rina.email }).click();

        const bar = page.getByTestId('queue-bar');
        await expect(bar.getByTestId('queue-assignee')).toContainText(say(lang, 'app.queue.unassigned'));
        await bar.getByRole('button', { name: say(lang, 'app.queue.claim'), exact: true }).click();
        await expect(bar.getByTestId('queue-assignee')).toContainText('Taufik Trust');
        await expect(bar.getByTestId('sla-countdown')).toHaveText(dueIn);
        await page.screenshot({ path: `test-results/screenshots/queue-countdown-${lang}.png` });
        await expectAccessible(page);

        await page
          .getByRole('button', { name: say(lang, 'resources.identity-checks.action.approve') })
          .click();
        // OPS-6: the approval carries a reason the user reads.
        await page.getByRole('dialog').locator('textarea').first().fill('ID photo and selfie match');
        await page.getByRole('button', { name: say(lang, 'app.action.confirm') }).click();
        await expect(bar.getByText(say(lang, 'app.queue.decided_next'))).toBeVisible();
        await expectAccessible(page);
        await bar.getByRole('button', { name: say(lang, 'app.queue.next_case') }).click();
        // The next case by SLA: Yoga's check, unclaimed.
        await expect(page.getByText(yoga.email).first()).toBeVisible();
        await expect(page).toHaveURL(/#\/identity-checks\/\d+\/show/);
        await expect(page.getByTestId('queue-assignee')).toContainText(say(lang, 'app.queue.unassigned'));
        await expectAccessible(page);
      });
    });
  });
}
