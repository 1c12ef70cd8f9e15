import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, logIn } from './fixtures';

/** Staff API session inside the e2e server (cookie kept by the request context). */
async function staffApi(request: APIRequestContext, email: string) {
  const login = await request.post('/api/admin/session', { data: { email, password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const csrf = (await login.json()).csrfToken as string;
  return {
    post: (path: string, data: object) => request.post(path, { data, headers: { 'X-CSRF-Token': csrf } }),
    get: (path: string) => request.get(path),
  };
}

/** A new active user through the public API, activated with the link from the outbox. */
async function newUser(
  request: APIRequestContext,
  admin: Awaited<ReturnType<typeof staffApi>>,
  name: string,
) {
  const tag = `${name.toLowerCase()}${Date.now().toString(36)}`;
  const email = `${tag}@example.test`;
  expect(
    (
      await request.post('/api/v1/auth/register', {
        data: { name, email, username: tag, password: 'Rahasia-Kuat-2026' },
      })
    ).status(),
  ).toBe(201);
  const mail = await (
    await admin.get(`/api/admin/outbox?filter=${encodeURIComponent(JSON.stringify({ to: email }))}`)
  ).json();
  const token = /token=([\w-]+)/.exec(mail[0].text)![1];
  expect((await request.post('/api/v1/auth/activate', { data: { token } })).ok()).toBe(true);
  const login = await (
    await request.post('/api/v1/auth/login', { data: { email, password: 'Rahasia-Kuat-2026' } })
  ).json();
  const headers = { Authorization: `Bearer ${login.token}` };
  return {
    id: login.user.id as number,
    email,
    post: async (path: string, data: object = {}) => {
      const r = await request.post(path, { data, headers });
      return { status: r.status(), body: await r.json().catch(() => null) };
    },
  };
}

test('DSP-10: support decides an arbitration 70/30 and both balances move as the preview showed', async ({
  page,
  request,
}) => {
  const admin = await staffApi(request, DEMO.admin);
  const seller = await newUser(request, admin, 'Wulan');
  const buyer = await newUser(request, admin, 'Dimas');
  const app = await seller.post('/api/v1/seller-application', {
    skills: ['illustration'],
    experience: "Six years of children's book illustration.",
    education: 'ISI Yogyakarta',
  });
  expect((await admin.post(`/api/admin/seller-applications/${app.body.id}/approve`, {})).ok()).toBe(true);
  const svc = await seller.post('/api/v1/services', {
    title: 'Children book illustration',
    description: 'Ten full-colour illustrations for a picture book.',
    category: 'graphics_design',
    price: 2_000_000,
    deliveryDays: 10,
  });
  const order = await buyer.post(`/api/v1/services/${svc.body.id}/orders`);
  expect(order.status).toBe(201);
  const ms = await (await admin.get(`/api/admin/orders/${order.body.id}`)).json();
  expect(
    (
      await buyer.post(`/api/v1/orders/${order.body.id}/milestones/${ms.milestones[0].id}/pay`, {
        source: 'card',
        cardToken: 'tok_visa',
      })
    ).status,
  ).toBe(200);
  expect(
    (await seller.post(`/api/v1/orders/${order.body.id}/deliveries`, { message: 'All ten illustrations.' }))
      .status,
  ).toBe(201);
  const dispute = await buyer.post(`/api/v1/orders/${order.body.id}/disputes`, {
    milestoneId: ms.milestones[0].id,
    reason: 'Four of the illustrations do not follow the storyboard.',
    amount: 1_000_000,
  });
  expect(dispute.status).toBe(201);
  expect(
    (
      await seller.post(`/api/v1/disputes/${dispute.body.id}/statements`, {
        text: 'The storyboard changed twice during the work.',
      })
    ).status,
  ).toBe(201);
  expect((await admin.post('/api/admin/test-clock/advance', { seconds: 5 * 86_400 + 60 })).ok()).toBe(true);
  expect(
    (
      await buyer.post(`/api/v1/disputes/${dispute.body.id}/arbitration`, {
        source: 'card',
        cardToken: 'tok_visa',
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await seller.post(`/api/v1/disputes/${dispute.body.id}/arbitration/pay`, {
        source: 'card',
        cardToken: 'tok_visa',
      })
    ).status,
  ).toBe(200);

  await logIn(page, DEMO.support);
  await page.getByRole('menuitem', { name: 'Disputes' }).click();
  await page.getByRole('cell', { name: 'Children book illustration' }).click();
  await expect(page.getByText('The storyboard changed twice during the work.')).toBeVisible();
  await page.getByRole('button', { name: 'Decide split' }).click();
  await page.getByRole('textbox', { name: 'Buyer %' }).fill('70');
  await page.getByRole('textbox', { name: 'Seller %' }).fill('30');
  const preview = page.getByTestId('split-preview');
  // 70% of 2.000.000 to the buyer; 30% less 20% commission to the seller; the buyer's fee (100.000) comes
  // back.
  await expect(preview).toContainText(/Rp\s?1\.400\.000/);
  await expect(preview).toContainText(/Rp\s?480\.000/);
  await expect(preview).toContainText('the buyer gets their arbitration fee back');
  await page
    .getByRole('textbox', { name: /Reason/ })
    .fill('Four illustrations ignored the storyboard; the rest is good work.');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('arbitrated')).toBeVisible();
  await page.screenshot({ path: 'test-results/console-support-dispute-decided.png', fullPage: true });
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await expect(page.getByRole('row', { name: new RegExp(buyer.email.replace('.', '\\.')) })).toContainText(
    /Rp\s?1\.500\.000/,
  );
  await expect(page.getByRole('row', { name: new RegExp(seller.email.replace('.', '\\.')) })).toContainText(
    /Rp\s?480\.000/,
  );
});
