import type { Page } from '@playwright/test';
import { expect, expectAccessible, expectStatus, test } from './fixtures';
import { DAY, type Builders, type PayoutMethod, type UserApi } from './builders';
import { en } from '../../console/src/i18n/en';
import { id } from '../../console/src/i18n/id';

/**
 * #16 item 4, decisions that are safe and explained: every decision carries a reason (OPS-6), templated
 * reasons are inserted and edited, and every decision shows its effect before it is confirmed, bulk actions
 * with their count, total and flagged rows (OPS-8). Each story runs in English and in Indonesian at 1366×768.
 */

type Lang = 'en' | 'id';

/**
 * The catalogue flattened as polyglot reads it: nested keys joined by dots (keys may hold dots themselves).
 */
function flatten(node: Record<string, unknown>, prefix = '', out: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string') out[`${prefix}${k}`] = v;
    else if (v && typeof v === 'object') flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
  }
  return out;
}
const FLAT = { en: flatten(en), id: flatten(id) };

/** The console's own text for a key in the story's language. */
function text(lang: Lang, key: string): string {
  const message = FLAT[lang][key];
  if (message === undefined) throw new Error(`no message ${key}`);
  return message;
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A message as a regex: its placeholders match anything. */
const pattern = (lang: Lang, key: string) =>
  new RegExp(
    text(lang, key)
      .split(/%\{\w+\}/)
      .map(escape)
      .join('.*'),
  );

async function inLanguage(page: Page, lang: Lang) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.addInitScript((l) => window.localStorage.setItem('RaStore.locale', JSON.stringify(l)), lang);
}

const BANK = (holderName: string, accountNumber: string): PayoutMethod => ({
  type: 'bank_transfer',
  bank: 'BCA',
  accountNumber,
  holderName,
});

/** A seller with one completed order of `price`, whose earnings have not cleared yet. */
async function sellerWithSale(make: Builders, name: string, buyer: UserApi, price: number) {
  const seller = await make.seller(name);
  await make.completedOrder(
    buyer,
    seller,
    await make.service(seller, { title: `${name} design work`, price }),
  );
  return seller;
}

for (const lang of ['en', 'id'] as const) {
  test.describe(`decisions (${lang})`, () => {
    test.describe('as admin', () => {
      test.use({ staffMember: 'admin' });

      test(`OPS-6: an admin writes a reason template in English and Indonesian (${lang})`, async ({
        page,
      }) => {
        await inLanguage(page, lang);
        await page.goto('/#/reason-templates/create');
        await page
          .getByRole('combobox', { name: text(lang, 'resources.reason-templates.fields.action') })
          .click();
        await page
          .getByRole('option', { name: text(lang, 'resources.reason-templates.action_names.refund.reject') })
          .click();
        await page
          .getByRole('textbox', { name: text(lang, 'resources.reason-templates.fields.name') })
          .fill('Delivered as described');
        await page
          .getByRole('textbox', { name: text(lang, 'resources.reason-templates.fields.bodyEn') })
          .fill('The delivery matches the order description.');
        await page
          .getByRole('textbox', { name: text(lang, 'resources.reason-templates.fields.bodyId') })
          .fill('Hasil kerja sesuai dengan deskripsi pesanan.');
        await expectAccessible(page);
        await page.getByRole('button', { name: text(lang, 'ra.action.save') }).click();
        const row = page.getByRole('row', { name: /Delivered as described/ });
        await expect(row).toContainText('Hasil kerja sesuai dengan deskripsi pesanan.');
        await expect(row).toContainText(text(lang, 'resources.reason-templates.action_names.refund.reject'));
        await expectAccessible(page);
      });
    });

    test.describe('as finance', () => {
      test.use({ staffMember: 'finance' });

      test(`OPS-8: finance selects four payouts and approves only the unflagged one (${lang})`, async ({
        page,
        make,
        staffApiOf,
      }) => {
        test.slow(); // four sellers, two weeks of clearance and an earlier payout
        await inLanguage(page, lang);
        const budi = await make.user('Budi Santoso');
        const clean = await sellerWithSale(make, 'Sari Wulandari', budi, 5_000_000);
        const suspended = await sellerWithSale(make, 'Rina Hartono', budi, 5_000_000);
        const warned = await sellerWithSale(make, 'Wulan Sari', budi, 5_000_000);
        const disputed = await sellerWithSale(make, 'Dimas Prakoso', budi, 5_000_000);
        await make.advanceClock(14 * DAY + 3600);
        // Sari was paid before to the same account: her next payout carries no flag.
        const finance = await staffApiOf('finance');
        const first = await make.withdrawal(clean, 100_000, BANK('Sari Wulandari', '0123456789'));
        expectStatus(await finance.post(`/api/admin/withdrawals/${first.id}/approve`), 200, 'approve');
        expectStatus(await finance.get('/api/admin/withdrawals/export.csv'), 200, 'export');
        expectStatus(
          await finance.post(`/api/admin/withdrawals/${first.id}/mark-paid`, { reference: 'BCA-2026-0001' }),
          200,
          'paid',
        );
        await make.advanceClock(7 * DAY + 60); // WDR-2: one withdrawal a week
        const ids = [
          (await make.withdrawal(clean, 3_000_000, BANK('Sari Wulandari', '0123456789'))).id,
          (await make.withdrawal(suspended, 3_200_000, BANK('Rina Hartono', '1370012345678'))).id,
          (await make.withdrawal(warned, 3_500_000, BANK('Wulan Sari', '2220012345'))).id,
          (await make.withdrawal(disputed, 3_500_000, BANK('Dimas Prakoso', '3330012345'))).id,
        ];
        // Rina is suspended (two warnings of one type, WRN-4), Wulan warned today, Dimas under dispute.
        await make.warning(suspended, 'spam', 'Sent the same offer to forty buyers.');
        await make.warning(suspended, 'spam', 'Sent the same offer again after a reminder.');
        await make.warning(warned, 'abusive_language', 'Insulted a buyer in the order messages.');
        const other = await make.order(
          budi,
          await make.service(disputed, { title: 'Flyer for the café', price: 400_000 }),
        );
        await make.pay(budi, other);
        await make.deliver(disputed, other);
        await make.dispute(budi, other, 100_000, 'The flyer has the wrong phone number.');

        await page.goto('/#/withdrawals');
        await expect(page.getByRole('row', { name: /Rina Hartono/ })).toBeVisible();
        await expectAccessible(page);
        for (const name of ['Sari Wulandari', 'Rina Hartono', 'Wulan Sari', 'Dimas Prakoso'])
          await page
            .getByRole('row', { name: new RegExp(name) })
            .getByRole('checkbox')
            .check();
        await page
          .getByRole('button', { name: text(lang, 'resources.withdrawals.action.bulk_approve') })
          .click();
        const dialog = page.getByRole('dialog');
        await expect(dialog.getByTestId('bulk-summary')).toContainText(/4/);
        await expect(dialog.getByTestId('bulk-summary')).toContainText(/Rp\s?13\.200\.000/);
        // Every flagged row is listed with its flags and starts unticked; only Sari's is ticked.
        for (const wid of ids.slice(1)) {
          const row = dialog.getByTestId(`bulk-row-${wid}`);
          await expect(row).toHaveAttribute('data-flagged', 'true');
          await expect(row.getByRole('checkbox')).not.toBeChecked();
        }
        await expect(dialog.getByTestId(`bulk-row-${ids[1]}`)).toContainText(
          text(lang, 'resources.withdrawals.flag.suspended'),
        );
        await expect(dialog.getByTestId(`bulk-row-${ids[2]}`)).toContainText(
          text(lang, 'resources.withdrawals.flag.recent_warning'),
        );
        await expect(dialog.getByTestId(`bulk-row-${ids[3]}`)).toContainText(
          text(lang, 'resources.withdrawals.flag.under_dispute'),
        );
        await expect(dialog.getByTestId(`bulk-row-${ids[0]}`).getByRole('checkbox')).toBeChecked();
        await expect(dialog.getByTestId('bulk-flagged-summary')).toContainText(/Rp\s?3\.000\.000/);
        await expectAccessible(page);
        await page.screenshot({ path: `test-results/screenshots/decision-bulk-${lang}.png` });
        await dialog.getByRole('button', { name: /\(Rp\s?3\.000\.000\)/ }).click();
        await expect(page.getByText(pattern(lang, 'resources.withdrawals.bulk_done'))).toContainText(/1/);
        const status = async (wid: number) =>
          (await finance.get(`/api/admin/withdrawals/${wid}`)).body.status;
        expect(await status(ids[0]!)).toBe('approved');
        for (const wid of ids.slice(1)) expect(await status(wid)).toBe('pending');
      });
    });

    test.describe('as trust & safety', () => {
      test.use({ staffMember: 'trust_safety' });

      test(`WRN-8, OPS-8: trust & safety warns from a report and sees the \
consequence first (${lang})`, async ({ page, make }) => {
        await inLanguage(page, lang);
        const sari = await make.seller('Sari Wulandari');
        const budi = await make.user('Budi Santoso');
        const order = await make.order(
          budi,
          await make.service(sari, { title: 'Batik logo', price: 750_000 }),
        );
        await make.pay(budi, order);
        await make.message(budi, order, 'Pay me on WhatsApp 0812 and skip the fee.');
        // Budi was reminded once already for the same thing: a second warning of that type suspends (WRN-4).
        await make.warning(budi, 'sharing_contact_info', 'Shared a phone number in an earlier order.');
        const report = await make.reportMessage(
          sari,
          order,
          'Pay me on WhatsApp 0812 and skip the fee.',
          'He wants to pay outside Pasar.',
        );
        await page.goto(`/#/reports/${report.id}/show`);
        await expect(page.getByTestId('reported-message')).toBeVisible();
        await expectAccessible(page);
        await page.getByRole('button', { name: text(lang, 'resources.reports.action.warn') }).click();
        await page.getByRole('combobox', { name: text(lang, 'resources.users.fields.warningType') }).click();
        await page
          .getByRole('option', { name: text(lang, 'resources.users.warning_type.sharing_contact_info') })
          .click();
        const preview = page.getByTestId('warning-preview');
        await expect(preview).toContainText('WRN-4');
        await expect(preview).toContainText(pattern(lang, 'resources.users.consequence.suspension'));
        const confirm = page.getByRole('button', { name: text(lang, 'app.action.confirm') });
        // OPS-6: no reason, no decision.
        await expect(confirm).toBeDisabled();
        await page
          .getByRole('textbox', { name: text(lang, 'resources.reports.fields.decisionReason') })
          .fill('Asked the seller to take payment outside Pasar, a second time.');
        await expectAccessible(page);
        await page.screenshot({ path: `test-results/screenshots/decision-warning-${lang}.png` });
        await confirm.click();
        await expect(
          page.getByText(text(lang, 'resources.reports.status.actioned'), { exact: true }),
        ).toBeVisible();
        const me = await budi.get('/api/v1/me/warnings');
        expect(me.body.items.map((w: { consequence: string }) => w.consequence)).toContain('suspension');
      });
    });

    test.describe('as support', () => {
      test.use({ staffMember: 'support' });

      test(`SEL-5: support decides an escalation as not the seller's fault (${lang})`, async ({
        page,
        make,
      }) => {
        await inLanguage(page, lang);
        const sari = await make.seller('Sari Wulandari');
        const agus = await make.user('Agus Pratama');
        const order = await make.order(
          agus,
          await make.service(sari, { title: 'Menu design', price: 600_000 }),
        );
        await make.pay(agus, order);
        const req = expectStatus(
          await agus.post(`/api/v1/orders/${order.id}/resolution-requests`, {
            kind: 'cancel',
            reason: 'requirements_changed',
            message: 'Our café closed; we no longer need the menu.',
          }),
          201,
          'cancellation request',
        ).body as { id: number };
        expectStatus(
          await sari.post(`/api/v1/resolution-requests/${req.id}/decline`, { answer: 'I started already.' }),
          200,
          'decline',
        );
        const esc = expectStatus(
          await agus.post(`/api/v1/resolution-requests/${req.id}/escalate`, {
            statement: 'The café closed.',
          }),
          201,
          'escalate',
        ).body as { id: number };
        await page.goto(`/#/escalations/${esc.id}/show`);
        await expect(page.getByText('Our café closed; we no longer need the menu.')).toBeVisible();
        await expectAccessible(page);
        await page.getByRole('button', { name: text(lang, 'resources.escalations.action.decide') }).click();
        await page
          .getByRole('combobox', { name: text(lang, 'resources.escalations.fields.outcome') })
          .click();
        await page
          .getByRole('option', { name: text(lang, 'resources.escalations.outcome.cancel_full') })
          .click();
        await expect(page.getByTestId('escalation-preview')).toBeVisible();
        await page
          .getByRole('combobox', { name: text(lang, 'decisions.escalation.not_seller_fault') })
          .click();
        await page.getByRole('option', { name: text(lang, 'ra.boolean.true') }).click();
        await page
          .getByRole('textbox', { name: text(lang, 'resources.refund-requests.fields.reason_for_decision') })
          .fill('The buyer closed their business; the seller did nothing wrong.');
        await expectAccessible(page);
        const sent = page.waitForRequest((r) => r.url().endsWith(`/escalations/${esc.id}/decide`));
        await page.getByRole('button', { name: text(lang, 'app.action.confirm') }).click();
        expect((await sent).postDataJSON()).toMatchObject({ outcome: 'cancel_full', notSellerFault: true });
        await expect(
          page.getByRole('button', { name: text(lang, 'resources.escalations.action.decide') }),
        ).toBeHidden();
        expect((await agus.get(`/api/v1/orders/${order.id}`)).body.status).toBe('cancelled');
      });

      test(`OPS-8, OPS-6: partial refund preview follows the amount; template \
reason edited (${lang})`, async ({ page, make, staffApiOf }) => {
        await inLanguage(page, lang);
        const admin = await staffApiOf('admin');
        expectStatus(
          await admin.post('/api/admin/reason-templates', {
            action: 'refund.approve_partial',
            name: 'Part of the work delivered',
            bodyEn: 'Part of the work was delivered as agreed; the rest is refunded.',
            bodyId: 'Sebagian pekerjaan sudah dikirim sesuai kesepakatan; sisanya dikembalikan.',
          }),
          201,
          'template',
        );
        const rina = await make.seller('Rina Hartono');
        const dewi = await make.user('Dewi Lestari');
        const order = await make.order(
          dewi,
          await make.service(rina, { title: 'Translation', price: 300_000 }),
        );
        await make.pay(dewi, order);
        const refund = await make.refundRequest(
          dewi,
          order,
          'seller_unresponsive',
          'Only half was translated.',
        );
        await page.goto(`/#/refund-requests/${refund.id}/show`);
        await expect(page.getByText('Only half was translated.')).toBeVisible();
        await expectAccessible(page);
        await page
          .getByRole('button', { name: text(lang, 'resources.refund-requests.action.approve_part') })
          .click();
        const amount = page.getByRole('textbox', {
          name: text(lang, 'resources.refund-requests.fields.approved_amount'),
        });
        const preview = page.getByTestId('partial-refund-preview');
        await amount.fill('100000');
        await expect(preview).toContainText(/Rp\s?100\.000/);
        await amount.fill('150000');
        await expect(preview).toContainText(/Rp\s?150\.000/);
        await expect(preview).not.toContainText(/Rp\s?100\.000/);
        // The template goes in, in the language picked, and is edited before sending.
        await page.getByRole('combobox', { name: text(lang, 'resources.reason-templates.insert') }).click();
        await page.getByRole('option', { name: 'Part of the work delivered' }).click();
        const reason = page.getByRole('textbox', {
          name: text(lang, 'resources.refund-requests.fields.reason_for_decision'),
        });
        // Dewi reads Pasar in Indonesian (the default), so the template goes in in Indonesian, whatever the
        // console's language; staff may switch it to English.
        await expect(reason).toHaveValue(
          'Sebagian pekerjaan sudah dikirim sesuai kesepakatan; sisanya dikembalikan.',
        );
        await page.getByRole('combobox', { name: text(lang, 'resources.reason-templates.language') }).click();
        await page.getByRole('option', { name: 'English' }).click();
        const inserted = 'Part of the work was delivered as agreed; the rest is refunded.';
        await expect(reason).toHaveValue(inserted);
        await reason.fill(`${inserted} (3 of 6 pages)`);
        await expectAccessible(page);
        await page.getByRole('button', { name: text(lang, 'app.action.confirm') }).click();
        await expect(
          page.getByRole('button', { name: text(lang, 'resources.refund-requests.action.approve_part') }),
        ).toBeHidden();
        const mine = await dewi.get(`/api/v1/refund-requests/${refund.id}`);
        expect(mine.body).toMatchObject({
          status: 'partially_approved',
          decisionReason: `${inserted} (3 of 6 pages)`,
        });
        expect((await dewi.get('/api/v1/me/balance')).body.credit).toBe(150_000);
      });

      test(`OPS-6, OPS-8: a dispute award shows amounts and recipient, and needs a reason (${lang})`, async ({
        page,
        make,
      }) => {
        await inLanguage(page, lang);
        const wulan = await make.seller('Wulan Sari');
        const dimas = await make.user('Dimas Prakoso');
        const order = await make.order(
          dimas,
          await make.service(wulan, { title: 'Illustration', price: 1_000_000 }),
        );
        await make.pay(dimas, order);
        await make.deliver(wulan, order);
        const dispute = await make.dispute(dimas, order, 200_000, 'Four drawings ignore the storyboard.');
        // DSP-4: Wulan does not answer in 5 days; the opener's award waits for support.
        await make.advanceClock(5 * DAY + 60);
        await page.goto(`/#/disputes/${dispute.id}/show`);
        await expect(page.getByText('Four drawings ignore the storyboard.', { exact: true })).toBeVisible();
        await expectAccessible(page);
        await page
          .getByRole('button', { name: text(lang, 'resources.disputes.action.approve_award') })
          .click();
        const preview = page.getByTestId('award-preview');
        await expect(preview).toContainText(/Rp\s?800\.000/);
        await expect(preview).toContainText('Dimas Prakoso');
        await expect(preview).toContainText('Wulan Sari');
        await expect(preview).toContainText(/Rp\s?160\.000/);
        const confirm = page.getByRole('button', { name: text(lang, 'app.action.confirm') });
        await expect(confirm).toBeDisabled();
        await page
          .getByRole('textbox', { name: text(lang, 'resources.refund-requests.fields.reason_for_decision') })
          .fill('The seller did not answer the dispute within 5 days.');
        await expectAccessible(page);
        await page.screenshot({ path: `test-results/screenshots/decision-award-${lang}.png` });
        await confirm.click();
        await expect(
          page.getByRole('button', { name: text(lang, 'resources.disputes.action.approve_award') }),
        ).toBeHidden();
        expect((await dimas.get('/api/v1/me/balance')).body.credit).toBe(800_000);
        expect((await dimas.get(`/api/v1/disputes/${dispute.id}`)).body.decisionReason).toBe(
          'The seller did not answer the dispute within 5 days.',
        );
      });
    });
  });
}
