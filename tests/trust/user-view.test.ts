import { describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';
import { USER_VIEW_SECTIONS } from '../../server/modules/user-view/routes.js';

const t = useTestApp();
vi.setConfig({ testTimeout: 120_000 });

describe('see what the user sees (issue 16 item 9)', () => {
  it('SUP-7: every section is exactly what the user reads from /api/v1 with their own token', async () => {
    const o = await makeOrder(t, { upTo: 'delivered', price: 400_000 });
    const support = await t.staff('support');
    const res = await support.get(`/api/admin/users/${o.buyer.id}/user-view`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.user).toMatchObject({ id: o.buyer.id, email: o.buyer.email });
    expect(Object.keys(res.body.sections)).toEqual(Object.keys(USER_VIEW_SECTIONS));
    for (const [name, path] of Object.entries(USER_VIEW_SECTIONS)) {
      const own = await o.buyer.get(path);
      const section = res.body.sections[name];
      expect(section.path).toBe(path);
      if (own.status === 200) expect(section.body, name).toEqual(own.body);
      else expect(section.problem.status, name).toBe(own.status);
    }
    // Real content, not empty shells: the buyer's order and the notice of its delivery.
    expect(res.body.sections.orders.body.items.map((x: { id: number }) => x.id)).toContain(o.orderId);
    expect(res.body.sections.notifications.body.total).toBeGreaterThan(0);
    // The seller's view differs from the buyer's: the same code, the user's own identity.
    const seller = (await support.get(`/api/admin/users/${o.seller.id}/user-view`)).body;
    expect(seller.sections.profile.body.id).toBe(o.seller.id);
    expect(seller.sections.earnings.body).toEqual((await o.seller.get('/api/v1/me/earnings')).body);
  });

  it('OPS-3: each view is audited with who looked, when and at whom', async () => {
    const user = await t.user();
    const trust = await t.staff('trust_safety');
    expect((await trust.get(`/api/admin/users/${user.id}/user-view`)).status).toBe(200);
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.view-as-user')
      .where('subject_id', '=', String(user.id))
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_type: 'staff', actor_id: trust.id, subject_type: 'user' });
    expect(rows[0]!.at.getTime()).toBe(t.clock.now().getTime());
  });

  it(`read-only: no token handed out, nothing marked read, no write route, users \
cannot call it`, async () => {
    const o = await makeOrder(t, { upTo: 'delivered' });
    const before = (await o.buyer.get('/api/v1/notifications')).body.unreadCount;
    expect(before).toBeGreaterThan(0);
    const tokens = async () =>
      (
        await t.ctx.db
          .selectFrom('user_tokens')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', o.buyer.id)
          .executeTakeFirstOrThrow()
      ).n;
    const tokensBefore = Number(await tokens());
    const finance = await t.staff('finance');
    const view = await finance.get(`/api/admin/users/${o.buyer.id}/user-view`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body)).not.toContain(o.buyer.token);
    expect(JSON.stringify(view.body)).not.toMatch(/"token"/);
    expect(Number(await tokens())).toBe(tokensBefore);
    expect((await o.buyer.get('/api/v1/notifications')).body.unreadCount).toBe(before);
    // The only route of the view is a GET.
    expect(t.routes.filter((r) => r.path.includes('user-view')).map((r) => `${r.method} ${r.path}`)).toEqual([
      'get /api/admin/users/:id/user-view',
    ]);
    expect((await finance.post(`/api/admin/users/${o.buyer.id}/user-view`, {})).status).toBe(404);
    const asUser = await request(t.app)
      .get(`/api/admin/users/${o.buyer.id}/user-view`)
      .set('Authorization', `Bearer ${o.buyer.token}`);
    expect(asUser.status).toBe(401);
    expect((await finance.get('/api/admin/users/99999999/user-view')).status).toBe(404);
    expect((await finance.get('/api/admin/users/abc/user-view')).status).toBe(400);
  });
});
