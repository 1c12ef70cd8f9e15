import { describe, expect, it } from 'vitest';
import { useTestApp, type StaffClient, type UserClient } from '../helpers/context.js';

const t = useTestApp();
const HOUR = 3600;
const DAY = 24 * HOUR;

async function openTicket(user: UserClient, subject: string) {
  const res = await user.post('/api/v1/support/tickets', {
    topic: 'payment_problem',
    subject,
    message: 'The card payment for my order failed twice.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const due = async (id: number) =>
  (
    await t.ctx.db
      .selectFrom('tickets')
      .select('resolution_due_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).resolution_due_at.toISOString();

async function inQueue(support: StaffClient, id: number) {
  const res = await support.get(`/api/admin/tickets/${id}`);
  expect(res.status).toBe(200);
  return res.body as { resolutionBreached: boolean; slaPausedAt: string | null; status: string };
}

describe('the resolution SLA stops while a ticket waits (SUP-3)', () => {
  it(`SUP-3: pending and on hold stop the resolution clock; it resumes by the \
business time waited, weekends not counted`, async () => {
    const user = await t.user();
    const support = await t.staff('support');
    // Monday 2026-11-23 09:00 Jakarta; payment problems are resolved within 3 business days: Thursday 09:00.
    const a = await openTicket(user, 'Waits for the user');
    const c = await openTicket(user, 'Never waits');
    expect(await due(a)).toBe('2026-11-26T02:00:00.000Z');
    await t.advance(HOUR);
    const asked = await support.post(`/api/admin/tickets/${a}/messages`, {
      body: 'Which card did you use?',
      status: 'pending',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await inQueue(support, a)).slaPausedAt).toBe('2026-11-23T03:00:00.000Z');

    // Friday 10:00: Thursday 09:00 has passed. The waiting ticket is not breached; the other one is.
    await t.advance(4 * DAY);
    expect(await inQueue(support, a)).toMatchObject({ status: 'pending', resolutionBreached: false });
    expect((await inQueue(support, c)).resolutionBreached).toBe(true);
    const breached = await support.get(
      `/api/admin/tickets?filter={"requesterId":${user.id},"breached":true}`,
    );
    expect(breached.body.map((x: { id: number }) => x.id)).toEqual([c]);

    // The user answers: four business days waited (Monday 10:00 to Friday 10:00) move Thursday 09:00 to
    // Wednesday 09:00 of the next week (the weekend does not count).
    expect(
      (await user.post(`/api/v1/support/tickets/${a}/messages`, { message: 'The BCA card' })).status,
    ).toBe(201);
    expect(await inQueue(support, a)).toMatchObject({
      status: 'open',
      slaPausedAt: null,
      resolutionBreached: false,
    });
    expect(await due(a)).toBe('2026-12-02T02:00:00.000Z');

    // On hold over the weekend, Friday 10:00 to Monday 10:00: one business day of waiting.
    expect((await support.post(`/api/admin/tickets/${a}/status`, { status: 'on_hold' })).status).toBe(200);
    await t.advance(3 * DAY);
    expect((await support.post(`/api/admin/tickets/${a}/status`, { status: 'open' })).status).toBe(200);
    expect(await due(a)).toBe('2026-12-03T02:00:00.000Z');

    // A ticket that breached before it was put on hold stays breached while it waits.
    expect((await support.post(`/api/admin/tickets/${c}/status`, { status: 'on_hold' })).status).toBe(200);
    expect(await inQueue(support, c)).toMatchObject({ status: 'on_hold', resolutionBreached: true });
  });
});
