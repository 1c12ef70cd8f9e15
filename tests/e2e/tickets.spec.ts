import { expect, openConsole, test } from './fixtures';

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  test(`SUP-5, SUP-6: support answers a ticket with a macro, the user replies, \
support solves it, the user rates it and the rating shows on the dashboard`, async ({
    page,
    make,
    staffApiOf,
  }) => {
    const admin = await staffApiOf('admin');
    const macro = await admin.post('/api/admin/ticket-macros', {
      name: 'Payment being checked',
      bodyEn: 'Hello {{user.name}}, we are checking your payment with the bank and will write again.',
      bodyId: 'Halo {{user.name}}, kami sedang memeriksa pembayaran Anda dengan bank dan akan menulis lagi.',
      setStatus: 'pending',
    });
    expect(macro.status, JSON.stringify(macro.body)).toBe(201);
    const agus = await make.user('Agus Pratama');
    const opened = await agus.post('/api/v1/support/tickets', {
      topic: 'payment_problem',
      subject: 'Payment taken but order unpaid',
      message: 'My card was charged Rp 300.000 but the order still says awaiting payment.',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.id as number;

    await openConsole(page);
    await page.getByRole('menuitem', { name: 'Tickets' }).click();
    await page.getByRole('row', { name: /Payment taken but order unpaid/ }).click();
    await expect(page.getByText('My card was charged Rp 300.000')).toBeVisible();
    await expect(page.getByTestId('requester-panel')).toContainText('Agus Pratama');
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('combobox', { name: 'Macro' }).click();
    await page.getByRole('option', { name: 'Payment being checked' }).click();
    // Agus reads Indonesian (the default language): the preview is what he will get.
    await expect(page.getByTestId('macro-preview')).toContainText(
      'Halo Agus Pratama, kami sedang memeriksa pembayaran Anda',
    );
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect(page.getByTestId('ticket-thread')).toContainText('Halo Agus Pratama, kami sedang memeriksa');
    await expect(page.getByText('Waiting for the user')).toBeVisible();

    const seen = await agus.get(`/api/v1/support/tickets/${id}`);
    expect(seen.body.status).toBe('pending');
    const reply = await agus.post(`/api/v1/support/tickets/${id}/messages`, {
      message: 'Thank you. The bank reference is TRX-99812.',
    });
    expect(reply.body.status).toBe('open');

    await page.reload();
    await expect(page.getByTestId('ticket-thread')).toContainText('TRX-99812');
    await page.getByRole('button', { name: 'Solve' }).click();
    await expect(page.getByText('Solved', { exact: true })).toBeVisible();

    const rated = await agus.post(`/api/v1/support/tickets/${id}/rating`, {
      score: 5,
      comment: 'Sorted within the day',
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);

    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    const card = page.getByTestId('ticket-satisfaction');
    await expect(card).toContainText('Sinta Support');
    await expect(card.getByRole('row', { name: /Sinta Support/ })).toContainText('5.00');
    await expect(card.getByRole('row', { name: /Payment problem/ })).toContainText('5.00');
    await page.screenshot({ path: 'test-results/console-support-tickets.png', fullPage: true });
  });
});
