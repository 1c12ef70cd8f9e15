import { expect, expectAccessible, logIn, logOut, test } from './fixtures';
import { expectStatus, type StaffApi } from './builders';

const FIRST = 'Kopi-Tubruk-Manis-Pagi-7';
const SECOND = 'Teh-Manis-Hangat-Sore-9';

/** A support agent made by an admin (support signs in with a password alone by default). */
async function newAgent(admin: StaffApi, email: string) {
  const res = expectStatus(
    await admin.post('/api/admin/staff', { email, name: 'Nadia Support', role: 'support', password: FIRST }),
    201,
    'create support staff',
  );
  return res.body.id as number;
}

test.describe('staff accounts (#18)', () => {
  test(`a support agent who forgot the password sets a new one from the emailed \
link and signs in with it`, async ({ page, staffApiOf }) => {
    const admin = await staffApiOf('admin');
    const email = 'nadia.lupa@pasar.test';
    await newAgent(admin, email);
    await page.goto('/#/login');
    await page.getByRole('link', { name: /forgot your password/i }).click();
    await page.getByRole('textbox', { name: /email/i }).fill(email);
    await expectAccessible(page);
    await page.getByRole('button', { name: /send the link/i }).click();
    await expect(page.getByRole('status')).toContainText(/if a staff account uses this address/i);

    const filter = encodeURIComponent(JSON.stringify({ to: email, kind: 'staff.password-reset' }));
    const mails = async () =>
      (await admin.get(`/api/admin/outbox?filter=${filter}`)).body as { text: string }[];
    await expect.poll(async () => (await mails()).length).toBe(1);
    const link = /https?:\/\/\S+reset-password\?token=[\w-]+/.exec((await mails())[0]!.text)![0];
    const hash = new URL(link).hash;
    await page.goto(`/${hash}`);
    await page
      .getByLabel(/^new password/i)
      .first()
      .fill(SECOND);
    await page.getByLabel(/new password again/i).fill('Something-Else-1');
    await page.getByRole('button', { name: /set the password/i }).click();
    await expect(page.getByText(/the two passwords differ/i)).toBeVisible();
    await page.getByLabel(/new password again/i).fill(SECOND);
    await expectAccessible(page);
    await page.getByRole('button', { name: /set the password/i }).click();
    await expect(page.getByRole('status')).toContainText(/your password is set/i);

    // The link works once.
    await page.goto(`/${hash}`);
    await page.reload();
    await page
      .getByLabel(/^new password/i)
      .first()
      .fill('Yet-Another-Pass-3');
    await page.getByLabel(/new password again/i).fill('Yet-Another-Pass-3');
    await page.getByRole('button', { name: /set the password/i }).click();
    await expect(page.getByRole('status')).toHaveCount(0);

    await logIn(page, email, SECOND);
  });

  test('a staff member changes their own password on the Security page; the old one stops working', async ({
    page,
    staffApiOf,
  }) => {
    const email = 'nadia.ganti@pasar.test';
    await newAgent(await staffApiOf('admin'), email);
    await logIn(page, email, FIRST);
    await page.goto('/#/security');
    await page.getByLabel(/current password/i).fill('wrong-password-Z9');
    await page
      .getByLabel(/^new password/i)
      .first()
      .fill(SECOND);
    await page.getByLabel(/new password again/i).fill(SECOND);
    await page.getByRole('button', { name: /change the password/i }).click();
    await expect(page.getByRole('status')).toHaveCount(0);
    await page.getByLabel(/current password/i).fill(FIRST);
    await expectAccessible(page);
    await page.getByRole('button', { name: /change the password/i }).click();
    await expect(page.getByRole('status')).toContainText(/your password is changed/i);
    await logOut(page);

    await page.getByRole('textbox', { name: 'Username' }).fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(FIRST);
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect(page.getByRole('menuitem', { name: /my activity/i })).toHaveCount(0);
    await logIn(page, email, SECOND);
  });

  test("an admin sees a colleague's console sessions and ends them all with a reason", async ({
    browser,
    baseURL,
    pageAs,
    staffApiOf,
  }) => {
    const email = 'nadia.sesi@pasar.test';
    const id = await newAgent(await staffApiOf('admin'), email);
    const agentContext = await browser.newContext({ baseURL });
    const agent = await agentContext.newPage();
    await logIn(agent, email, FIRST);

    const admin = await pageAs('admin');
    await admin.goto(`/#/staff/${id}`);
    const panel = admin.getByTestId('staff-access');
    await expect(panel.getByText(/console sessions: 1/i)).toBeVisible();
    await expectAccessible(admin);
    await panel.getByRole('button', { name: /end all sessions/i }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /reason/i }).fill('Laptop stolen, reported by phone');
    await dialog.getByRole('button', { name: /confirm/i }).click();
    await expect(dialog).toBeHidden();
    // The panel reads the sessions again after the action, without a reload.
    await expect(panel.getByText(/console sessions: 0/i)).toBeVisible();

    await agent.reload();
    await expect(agent.getByRole('button', { name: /sign in/i })).toBeVisible();
    await agentContext.close();
  });
});

test.describe('as support', () => {
  test.use({ staffMember: 'support' });

  test("ACC-11: ending a user's sessions from the account access panel shows at once", async ({
    page,
    make,
  }) => {
    const user = await make.user('Wulan Sesi', 'wulan_sesi');
    await page.goto(`/#/users/${user.id}/show`);
    const panel = page.getByTestId('account-access');
    await expect(panel.getByText(/active sessions: 1/i)).toBeVisible();
    await panel.getByRole('button', { name: /end all sessions/i }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /reason/i }).fill('The user lost the phone');
    await dialog.getByRole('button', { name: /confirm/i }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.getByText(/active sessions: 0/i)).toBeVisible();
    expect((await user.get('/api/v1/me')).status).toBe(401);
  });
});
