import { expect, logOut, test, totpCode } from './fixtures';
import { expectStatus } from './builders';

const FIN_PASSWORD = 'Kopi-Tubruk-Manis-Pagi-7';

test.describe('second factor (OPS-7)', () => {
  test('OPS-7: a new finance user enrols in two-factor sign-in, signs out, and signs in with a code', async ({
    page,
    staffApiOf,
  }) => {
    const admin = await staffApiOf('admin');
    expectStatus(
      await admin.post('/api/admin/staff', {
        email: 'dewi.finance@pasar.test',
        name: 'Dewi Finance',
        role: 'finance',
        password: FIN_PASSWORD,
      }),
      201,
      'create finance staff',
    );
    await page.goto('/#/login');
    await page.getByRole('textbox', { name: 'Username' }).fill('dewi.finance@pasar.test');
    await page.getByRole('textbox', { name: 'Password' }).fill(FIN_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    // A money role without a second factor lands on the security page and can do nothing else.
    await expect(page.getByText(/your role signs in with a second factor/i)).toBeVisible();
    await page.getByRole('button', { name: /set up an authenticator app/i }).click();
    await expect(page.getByRole('img', { name: /qr code/i })).toBeVisible();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await page.getByRole('textbox', { name: /authentication code/i }).fill(await totpCode(secret));
    await page.getByRole('button', { name: /confirm/i }).click();
    const codes = (await page.getByTestId('recovery-codes').innerText()).trim().split(/\s+/);
    expect(codes).toHaveLength(10);
    await expect(page.getByRole('menuitem', { name: /payouts/i })).toBeVisible();
    await page.screenshot({ path: 'test-results/console-second-factor.png', fullPage: true });
    await logOut(page);

    await page.getByRole('textbox', { name: 'Username' }).fill('dewi.finance@pasar.test');
    await page.getByRole('textbox', { name: 'Password' }).fill(FIN_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    const code = page.getByRole('textbox', { name: /authentication code/i });
    await expect(code).toBeVisible();
    // The step used at enrolment is spent: the app's next code.
    await code.fill(await totpCode(secret, 1));
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect(page.getByRole('menuitem', { name: /payouts/i })).toBeVisible();
  });
});

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  test('ACC-8: support resends an activation and the user activates from the new link', async ({
    page,
    request,
    staffApiOf,
  }) => {
    const email = 'lost.mail@example.test';
    expectStatus(
      await (async () => {
        const res = await request.post('/api/v1/auth/register', {
          data: { name: 'Lukas Hilang', email, username: 'lukas_hilang', password: 'Rahasia-Kuat-2026' },
        });
        return { status: res.status(), body: await res.json() };
      })(),
      201,
      'register',
    );
    const admin = await staffApiOf('admin');
    const mails = async () =>
      (
        await admin.get(
          `/api/admin/outbox?filter=` +
            encodeURIComponent(JSON.stringify({ to: email, kind: 'account.activation' })),
        )
      ).body as { text: string }[];
    await expect.poll(async () => (await mails()).length).toBe(1);
    const firstLink = /https?:\/\/\S+token=[\w-]+/.exec((await mails())[0]!.text)![0];
    const support = await staffApiOf('support');
    const users = await support.get(
      `/api/admin/users?filter=${encodeURIComponent(JSON.stringify({ q: email }))}`,
    );
    const id = (users.body as { id: number }[])[0]!.id;

    await page.goto(`/#/users/${id}/show`);
    const panel = page.getByTestId('account-access');
    await expect(panel.getByText(/cannot sign in/i)).toBeVisible();
    await expect(panel.getByText(/pending activation/i)).toBeVisible();
    await panel.getByRole('button', { name: /resend activation/i }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /reason/i }).fill('The user says the first mail never arrived');
    await dialog.getByRole('button', { name: /confirm/i }).click();
    await expect(dialog).toBeHidden();

    await expect.poll(async () => (await mails()).length).toBe(2);
    const newest = (await mails())[0]!.text;
    const link = /https?:\/\/\S+token=[\w-]+/.exec(newest)![0];
    expect(link).not.toBe(firstLink);
    const path = new URL(link).pathname + new URL(link).search;
    const old = await request.get(new URL(firstLink).pathname + new URL(firstLink).search);
    expect(old.status()).toBe(422);
    const activated = await request.get(path);
    expect(activated.status(), await activated.text()).toBe(200);
    expect((await activated.json()).status).toBe('active');
    const login = await request.post('/api/v1/auth/login', {
      data: { email, password: 'Rahasia-Kuat-2026' },
    });
    expect(login.status()).toBe(200);
  });
});
