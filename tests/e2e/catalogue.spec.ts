import { readFile } from 'node:fs/promises';
import { expect, openConsole, test } from './fixtures';

test.describe('as trust & safety', () => {
  test.use({ staffMember: 'trust_safety' });

  test(`CAT-1, CAT-2, CAT-3, OPS-6: trust & safety reject a new seller’s service \
with a templated reason; the seller reads it`, async ({ page, make }) => {
    const sari = await make.seller('Sari Wulandari');
    const description =
      'Three logo concepts for your shop. WhatsApp me at 0812-3456-7890 and pay outside Pasar.';
    const service = await make.service(
      sari,
      { title: 'Logo design for your online shop', price: 500_000, description },
      { approve: false },
    );
    // CAT-1: a new seller's service waits for review, out of sight.
    expect((await sari.get('/api/v1/me/services')).body.items[0]).toMatchObject({
      status: 'in_review',
      visible: false,
    });

    await openConsole(page);
    await page.getByRole('menuitem', { name: 'Service reviews' }).click();
    await page.getByRole('cell', { name: 'Logo design for your online shop' }).click();
    // CAT-3: the phone number is highlighted in the text under review.
    const under = page.getByTestId('service-under-review');
    await expect(under.getByTestId('contact-match').first()).toHaveText('0812-3456-7890');
    await page.screenshot({ path: 'test-results/console-service-review.png', fullPage: true });

    await page.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('combobox', { name: /Reason/ }).click();
    await page.getByRole('option', { name: 'Contact details or payment outside Pasar' }).click();
    const text = 'Please remove your phone number: buyers contact you through Pasar messages.';
    await page.getByRole('textbox', { name: /Message to the seller/ }).fill(text);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Rejected', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reject' })).toHaveCount(0);

    // CAT-2, OPS-6: the seller reads the reason in the API, and the service is never restored.
    const mine = (await sari.get('/api/v1/me/services')).body.items[0];
    expect(mine).toMatchObject({
      id: service.id,
      status: 'rejected',
      rejectionCode: 'contact_details',
      rejectionReason: text,
    });
    expect((await sari.get(`/api/v1/services/${service.id}`)).status).toBe(404);
  });
});

test.describe('as finance', () => {
  test.use({ staffMember: 'finance' });

  test('INV-4: finance downloads the month’s invoices as CSV and the revenue report', async ({
    page,
    make,
    staffApiOf,
  }) => {
    const sari = await make.seller('Sari Wulandari');
    const budi = await make.user('Budi Santoso');
    const logo = await make.service(sari, { title: 'Logo design for your shop', price: 500_000 });
    await make.completedOrder(budi, sari, logo);
    const now = (await (await staffApiOf('admin')).get('/api/admin/test-clock')).body.now as string;
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Jakarta',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date(now))
      .slice(0, 7);

    await openConsole(page);
    await page.getByRole('menuitem', { name: 'Invoices' }).click();
    await expect(page.getByRole('row', { name: /INV\/\d{4}\/000001/ })).toContainText('Budi Santoso');
    await page.getByRole('textbox', { name: 'Month (YYYY-MM)' }).fill(month);
    const exporting = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export month (CSV)' }).click();
    const invoices = await exporting;
    expect(invoices.suggestedFilename()).toBe(`pasar-invoices-${month}.csv`);
    const csv = (await readFile(await invoices.path(), 'utf8')).trim().split('\r\n');
    expect(csv[0]).toMatch(/^number,kind,status,issued_at,buyer_id,buyer_name/);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/^INV\/\d{4}\/000001,invoice,issued,/);
    expect(csv[1]).toContain('Budi Santoso');
    expect(csv[1]).toContain(',500000,');

    await page.getByRole('menuitem', { name: 'Revenue report' }).click();
    await page.getByRole('textbox', { name: 'Up to month (YYYY-MM)' }).fill(month);
    const report = page.getByRole('table', { name: 'Revenue report' });
    // ORD-4: 20% commission of Rp 500.000, from the ledger.
    await expect(report.getByRole('row', { name: new RegExp(`^${month}`) })).toContainText('Rp 100.000');
    // The chart's money axis reaches the month's Rp 100.000 (it was stuck at 0..1, cutting the bar off).
    const ticks = page.locator('.MuiChartsAxis-directionY .MuiChartsAxis-tickLabel');
    await expect(ticks.last()).toHaveText(/100/);
    await page.screenshot({ path: 'test-results/console-revenue-report.png', fullPage: true });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const revenue = await downloading;
    expect(revenue.suggestedFilename()).toBe(`pasar-revenue-until-${month}.csv`);
    const lines = (await readFile(await revenue.path(), 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^month,commission,/);
    expect(lines).toHaveLength(13);
    expect(lines[12]).toMatch(new RegExp(`^${month},100000,`));
  });
});
