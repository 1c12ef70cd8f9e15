import type { Page } from '@playwright/test';
import { consoleDateTime as wib, expect, expectAccessible, openConsole, test, type Lang } from './fixtures';

/**
 * Issue #16 item 6: every date in the marketplace zone (PASAR_TIMEZONE, Asia/Jakarta: WIB) formatted for the
 * console language, and every status, event, reason, ledger account and memo in that language.
 */

/** react-admin's LocalesMenuButton has no accessible name: it is found by the menu it controls. */
async function switchLanguage(page: Page, to: Lang) {
  await page.locator('header button[aria-controls="simple-menu"]').click();
  await page.getByRole('menuitem', { name: to === 'id' ? 'Bahasa Indonesia' : 'English' }).click();
  await expect(page.getByRole('menuitem', { name: to === 'id' ? 'Dasbor' : 'Dashboard' })).toBeVisible();
}

test.use({ viewport: { width: 1366, height: 768 } });

const TEXT = {
  id: {
    status: 'Terbuka',
    reason: 'Penjual tidak merespons',
    destination: 'Saldo kredit',
    requested: 'Pengembalian dana diminta',
    paid: 'Pembeli membayar tahap',
    placed: 'Pesanan dibuat',
    buyer: 'Pembeli',
  },
  en: {
    status: 'Open',
    reason: 'Seller not responding',
    destination: 'Credit balance',
    requested: 'Refund requested',
    paid: 'Buyer paid a milestone',
    placed: 'Order placed',
    buyer: 'Buyer',
  },
} as const;

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  for (const lang of ['id', 'en'] as const) {
    test(`an agent working in ${lang === 'id' ? 'Indonesian' : 'English'} reads a \
refund case with its dates in WIB and its statuses and events in that language`, async ({
      page,
      make,
      staffApiOf,
    }) => {
      const rina = await make.seller('Rina Hartono');
      const agus = await make.user('Agus Pratama');
      const order = await make.order(
        agus,
        await make.service(rina, { title: 'Terjemahan brosur', price: 300_000 }),
      );
      await make.pay(agus, order);
      const refund = await make.refundRequest(
        agus,
        order,
        'seller_unresponsive',
        'Penjual tidak menjawab selama tiga hari dan brosur harus dicetak hari Jumat.',
      );
      // The known instants: the case's SLA and the timeline's "refund requested" event, from the API.
      const support = await staffApiOf('support');
      const caseView = (await support.get(`/api/admin/refund-requests/${refund.id}`)).body as {
        slaDueAt: string;
      };
      const orderView = (await support.get(`/api/admin/orders/${order.id}`)).body as {
        timeline: { type: string; event?: string; at: string }[];
      };
      const requestedAt = orderView.timeline.find((i) => i.event === 'refund-requested')!.at;
      expect(caseView.slaDueAt).toBeTruthy();

      await openConsole(page);
      await expectAccessible(page);
      if (lang === 'id') await switchLanguage(page, 'id');
      await page.goto(`/#/refund-requests/${refund.id}/show`);
      const main = page.getByRole('main');
      const t = TEXT[lang];
      await expect(main.getByText(wib(caseView.slaDueAt, lang), { exact: true })).toBeVisible();
      await expect(main.getByText(t.status, { exact: true })).toBeVisible();
      await expect(main.getByText(t.reason, { exact: true })).toBeVisible();
      await expect(main.getByText(t.destination, { exact: true })).toBeVisible();
      // The timeline: each event in words, with who did it, at its time in WIB.
      const entry = main.locator('.MuiPaper-outlined').filter({ hasText: `${t.requested} — Agus Pratama` });
      await expect(entry).toBeVisible();
      await expect(entry).toContainText(wib(requestedAt, lang));
      await expect(main.getByText(new RegExp(`^${t.paid} — Agus Pratama`))).toBeVisible();
      await expect(main.getByText(new RegExp(`^${t.placed}`))).toBeVisible();
      // No raw enum is left for people to read, and no browser-locale date.
      await expect(main.getByText(/refund-requested|buyer-pay-milestone|seller_unresponsive/)).toHaveCount(0);
      await expect(main.getByText(/\d{1,2}\/\d{1,2}\/\d{4}/)).toHaveCount(0);
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/locale-refund-${lang}.png`, fullPage: true });
    });
  }
});

test.describe('as finance', () => {
  test.use({ staffMember: 'finance' });

  for (const lang of ['id', 'en'] as const) {
    test(`finance reads the ledger in \
${lang === 'id' ? 'Indonesian' : 'English'}: entry kinds, accounts and memos, dates in WIB`, async ({
      page,
      make,
      staffApiOf,
    }) => {
      const rina = await make.seller('Rina Hartono');
      const agus = await make.user('Agus Pratama');
      const order = await make.completedOrder(
        agus,
        rina,
        await make.service(rina, { title: 'Logo untuk warung kopi', price: 600_000 }),
      );
      const finance = await staffApiOf('finance');
      const filter = encodeURIComponent(JSON.stringify({ orderId: String(order.id) }));
      const entries = (await finance.get(`/api/admin/ledger-entries?filter=${filter}`)).body as {
        kind: string;
        at: string;
        memo: string;
        memoParams: { share: number; commission: number };
      }[];
      const release = entries.find((e) => e.kind === 'escrow-release')!;
      expect(release.memo).toContain(`${release.memoParams.share} to the seller`);
      const rp = (n: number) => `Rp\\s?${n.toLocaleString('de-DE')}`; // 480.000: dots between thousands

      await openConsole(page);
      await expectAccessible(page);
      if (lang === 'id') await switchLanguage(page, 'id');
      await page.getByRole('menuitem', { name: lang === 'id' ? 'Buku besar' : 'Ledger' }).click();
      const row = page.getByRole('row', {
        name: new RegExp(lang === 'id' ? 'Pencairan tahap 1' : 'Release of milestone 1'),
      });
      await expect(row).toBeVisible();
      const memo =
        lang === 'id'
          ? `Pencairan tahap 1 pesanan ${order.id}: ${rp(release.memoParams.share)} ` +
            `untuk penjual, komisi ${rp(release.memoParams.commission)}`
          : `Release of milestone 1 of order ${order.id}: ` +
            `${rp(release.memoParams.share)} to the seller, ${rp(release.memoParams.commission)} commission`;
      await expect(row).toContainText(new RegExp(memo));
      await expect(row).toContainText(lang === 'id' ? 'Pencairan rekening bersama' : 'Escrow release');
      await expect(row).toContainText(
        lang === 'id' ? `Pendapatan tertunda pengguna #${rina.id}` : `Pending earnings of user #${rina.id}`,
      );
      await expect(row).toContainText(wib(release.at, lang));
      // The server's English memo with raw minor units is not what people read.
      await expect(page.getByText(`${release.memoParams.share} to the seller`)).toHaveCount(0);
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/locale-ledger-${lang}.png`, fullPage: true });
    });
  }
});
