import { describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { useTestApp, type StaffClient, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

const t = useTestApp();
vi.setConfig({ testTimeout: 120_000 }); // whole ticket lives on a small, shared machine
const P = 'https://pasar.dev/problems/';
const DAY = 86_400;

async function openTicket(user: UserClient, body: Record<string, unknown> = {}) {
  const res = await user.post('/api/v1/support/tickets', {
    topic: 'payment_problem',
    subject: 'My payment failed',
    message: 'The card payment for my order failed twice.',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; status: string };
}

const ticketRow = (id: number) =>
  t.ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function staffTicket(staff: StaffClient, id: number) {
  const res = await staff.get(`/api/admin/tickets/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('the ticket life (SUP-1, SUP-2, SUP-3)', () => {
  it(`SUP-2: staff are offered the moves each state allows, may solve from every active state, and a \
move out of turn is a 409 that names the state and the move`, async () => {
    const user = await t.user();
    const support = await t.staff('support');
    const setStatus = (id: number, status: string) =>
      support.post(`/api/admin/tickets/${id}/status`, { status });
    const work = ['staff-reply', 'staff-route', 'staff-tag', 'staff-refund'];
    const a = await openTicket(user, { subject: 'Ticket A' });
    expect((await staffTicket(support, a.id)).allowedActions).toEqual([
      'staff-open',
      'staff-pend',
      'staff-hold',
      'staff-solve',
      'staff-merge',
      ...work,
    ]);
    for (const [status, from] of [
      ['open', 'new'],
      ['on_hold', 'open'],
    ] as const) {
      const res = await setStatus(a.id, status);
      expect(res.status, `${from} → ${status}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const held = await setStatus(a.id, 'on_hold');
    expect(held.status).toBe(409);
    expect(held.body).toMatchObject({
      type: `${P}ticket-state-conflict`,
      title: 'Not possible in this state',
      detail: 'The ticket is on hold; staff-hold needs new or open or pending.',
      transition: 'staff-hold',
      state: 'on_hold',
    });
    expect((await setStatus(a.id, 'solved')).status).toBe(200);
    // Solved from open and from pending too (every active state).
    const b = await openTicket(user, { subject: 'Ticket B' });
    expect((await setStatus(b.id, 'open')).status).toBe(200);
    expect((await setStatus(b.id, 'solved')).status).toBe(200);
    const c = await openTicket(user, { subject: 'Ticket C' });
    expect((await setStatus(c.id, 'pending')).status).toBe(200);
    expect((await setStatus(c.id, 'solved')).status).toBe(200);
    expect((await staffTicket(support, c.id)).allowedActions).toEqual(['staff-merge', ...work]);
    const late = await setStatus(c.id, 'pending');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      type: `${P}ticket-state-conflict`,
      detail: 'The ticket is solved; staff-pend needs new or open or on_hold.',
      transition: 'staff-pend',
    });
    // Closed (merged into B): no state may be set again.
    expect(
      (await support.post(`/api/admin/tickets/${c.id}/merge`, { intoId: b.id, reason: 'Same problem' }))
        .status,
    ).toBe(200);
    const closed = await setStatus(c.id, 'open');
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({
      type: `${P}ticket-state-conflict`,
      detail:
        'This ticket is closed and cannot be reopened; open a new ticket, it will link to this one (SUP-2).',
      transition: 'staff-open',
    });
  });

  it(`SUP-3: the SLA is counted in business days per topic, breaches show, and \
the queue puts the next breach first`, async () => {
    const user = await t.user();
    const support = await t.staff('support');
    // Monday 09:00 Jakarta: first response due Tuesday 09:00, resolution Thursday 09:00.
    const a = await openTicket(user, { subject: 'Ticket A' });
    await t.advance(3600);
    const b = await openTicket(user, { subject: 'Ticket B', topic: 'refund_to_source' });
    const row = await ticketRow(a.id);
    expect(row.first_response_due_at.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(row.resolution_due_at.toISOString()).toBe('2026-11-26T02:00:00.000Z');
    // An admin gives refund_to_source a shorter resolution SLA... for tickets opened after the change
    // (POL-1).
    const admin = await t.staff('admin');
    const change = await admin.put('/api/admin/settings/ticket_first_response_sla_days', {
      value: { duplicate_charge: 0 },
      reason: 'Duplicate charges are answered the same day',
    });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    expect(change.body.value.duplicate_charge).toBe(0);
    expect(change.body.value.other).toBe(1);
    const c = await openTicket(user, { subject: 'Ticket C', topic: 'duplicate_charge' });
    const list = await support.get('/api/admin/tickets?filter={"requesterId":' + user.id + '}');
    expect(list.status).toBe(200);
    expect(list.body.map((x: { id: number }) => x.id)).toEqual([c.id, a.id, b.id]);
    expect(list.body.every((x: { firstResponseBreached: boolean }) => !x.firstResponseBreached)).toBe(true);
    // Tuesday 09:00 + 1 s: the first response of A is late; B (opened an hour later) not yet.
    await t.advance(DAY - 3600 + 1);
    const later = await support.get(`/api/admin/tickets?filter={"requesterId":${user.id},"breached":true}`);
    expect(later.body.map((x: { id: number }) => x.id)).toEqual([c.id, a.id]);
    expect(later.body[1]).toMatchObject({ firstResponseBreached: true, resolutionBreached: false });
  });

  it(`SUP-2: staff reply → pending; a reminder, then solved after 7 days without \
a reply; closed 4 days later; no reopening after`, async () => {
    const user = await t.user();
    const support = await t.staff('support');
    const ticket = await openTicket(user);
    expect(ticket.status).toBe('new');
    const reply = await support.post(`/api/admin/tickets/${ticket.id}/messages`, {
      body: 'Which card did you use?',
      status: 'pending',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.status).toBe('pending');
    expect((await ticketRow(ticket.id)).first_responded_at).not.toBeNull();
    // Five days: the reminder, still pending.
    await t.advance(5 * DAY);
    const reminder = await t.ctx.db
      .selectFrom('outbox')
      .select('kind')
      .where('recipient', '=', user.email)
      .where('kind', '=', 'ticket.pending-reminder')
      .execute();
    expect(reminder).toHaveLength(1);
    expect((await ticketRow(ticket.id)).status).toBe('pending');
    // Seven days in all: solved by the scheduler.
    await t.advance(2 * DAY - 1);
    expect((await ticketRow(ticket.id)).status).toBe('pending');
    await t.advance(1);
    expect((await ticketRow(ticket.id)).status).toBe('solved');
    // Four days later, one second short: still solved; then closed.
    await t.advance(4 * DAY - 1);
    expect((await ticketRow(ticket.id)).status).toBe('solved');
    await t.advance(1);
    expect((await ticketRow(ticket.id)).status).toBe('closed');
    const late = await user.post(`/api/v1/support/tickets/${ticket.id}/messages`, {
      message: 'Still broken',
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: `${P}ticket-closed`, state: 'closed', followUpOf: ticket.id });
    // A new ticket links to the closed one.
    const next = await openTicket(user, { followUpOf: ticket.id });
    expect((await user.get(`/api/v1/support/tickets/${next.id}`)).body.followUpOf).toBe(ticket.id);
  });

  it(`SUP-2: a reply within the window reopens a solved ticket, and a pending \
one; the stale timers then do nothing`, async () => {
    const user = await t.user();
    const support = await t.staff('support');
    const ticket = await openTicket(user);
    await support.post(`/api/admin/tickets/${ticket.id}/messages`, { body: 'Fixed it.', status: 'solved' });
    expect((await ticketRow(ticket.id)).status).toBe('solved');
    await t.advance(4 * DAY - 60);
    const back = await user.post(`/api/v1/support/tickets/${ticket.id}/messages`, { message: 'Not fixed' });
    expect(back.status).toBe(201);
    expect(back.body.status).toBe('open');
    // The close job of the first solve comes due and leaves the reopened ticket alone.
    await t.advance(120);
    expect((await ticketRow(ticket.id)).status).toBe('open');
    await support.post(`/api/admin/tickets/${ticket.id}/status`, { status: 'pending' });
    await t.advance(DAY);
    await user.post(`/api/v1/support/tickets/${ticket.id}/messages`, { message: 'Here is the card' });
    expect((await ticketRow(ticket.id)).status).toBe('open');
    await t.advance(7 * DAY);
    expect((await ticketRow(ticket.id)).status).toBe('open');
  });

  it('SUP-6: rated once, only after solved; the rating shows in the satisfaction figures', async () => {
    const user = await t.user();
    const support = await t.staff('support');
    const ticket = await openTicket(user, { topic: 'other' });
    const early = await user.post(`/api/v1/support/tickets/${ticket.id}/rating`, { score: 5, comment: 'x' });
    expect(early.status).toBe(409);
    expect(early.body.type).toBe(`${P}ticket-not-solved`);
    await support.post(`/api/admin/tickets/${ticket.id}/messages`, { body: 'Done.', status: 'solved' });
    const rated = await user.post(`/api/v1/support/tickets/${ticket.id}/rating`, {
      score: 4,
      comment: 'Quick',
    });
    expect(rated.status).toBe(201);
    const twice = await user.post(`/api/v1/support/tickets/${ticket.id}/rating`, { score: 1, comment: 'x' });
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe(`${P}ticket-already-rated`);
    const bad = await user.post(`/api/v1/support/tickets/${ticket.id}/rating`, { score: 6 });
    expect(bad.status).toBe(400);
    const stats = await support.get('/api/admin/tickets-satisfaction');
    expect(stats.body.byAgent).toContainEqual(
      expect.objectContaining({ staffId: support.id, ratings: 1, average: 4 }),
    );
    expect(stats.body.byTopic).toContainEqual({ topic: 'other', ratings: 1, average: 4 });
  });
});

describe('routing (SUP-1, OPS-1)', () => {
  it(`SUP-1: each topic goes to its role’s queue; other roles neither see nor act \
on it; re-routing needs a reason`, async () => {
    const user = await t.user();
    const [support, trust, finance] = [
      await t.staff('support'),
      await t.staff('trust_safety'),
      await t.staff('finance'),
    ];
    const money = await openTicket(user, { topic: 'withdrawal_returned', subject: 'My payout came back' });
    const access = await openTicket(user, { topic: 'account_access', subject: 'Cannot log in' });
    const other = await openTicket(user, { topic: 'other', subject: 'A question' });
    expect((await ticketRow(money.id)).queue).toBe('finance');
    expect((await ticketRow(access.id)).queue).toBe('trust_safety');
    expect((await ticketRow(other.id)).queue).toBe('support');
    const ids = async (s: StaffClient) =>
      (await s.get(`/api/admin/tickets?filter={"requesterId":${user.id}}`)).body.map(
        (x: { id: number }) => x.id,
      );
    expect(await ids(finance)).toEqual([money.id]);
    expect(await ids(trust)).toEqual([access.id]);
    expect(await ids(support)).toEqual([other.id]);
    expect((await support.get(`/api/admin/tickets/${money.id}`)).status).toBe(404);
    expect((await support.post(`/api/admin/tickets/${money.id}/messages`, { body: 'Hi' })).status).toBe(403);
    expect((await support.post(`/api/admin/tickets/${money.id}/claim`)).status).toBe(403);
    expect((await finance.post(`/api/admin/tickets/${money.id}/claim`)).status).toBe(200);
    expect((await finance.post(`/api/admin/tickets/${money.id}/route`, { queue: 'support' })).status).toBe(
      422,
    );
    const moved = await finance.post(`/api/admin/tickets/${money.id}/route`, {
      queue: 'support',
      reason: 'The payout was fine; a question about fees',
    });
    expect(moved.status).toBe(200);
    expect(await ids(support)).toContain(money.id);
    expect((await ticketRow(money.id)).assigned_to).toBeNull();
    const note = (await staffTicket(support, money.id)).messages.find(
      (m: { internal: boolean }) => m.internal,
    );
    expect(note.body).toContain('a question about fees');
    // An admin routes account access to support from now on (a setting).
    const admin = await t.staff('admin');
    expect(
      (
        await admin.put('/api/admin/settings/ticket_routing', {
          value: { account_access: 'support' },
          reason: 'Trust & safety is short of people this month',
        })
      ).status,
    ).toBe(200);
    const again = await openTicket(user, { topic: 'account_access', subject: 'Cannot log in again' });
    expect((await ticketRow(again.id)).queue).toBe('support');
    expect(
      (
        await admin.put('/api/admin/settings/ticket_routing', {
          value: { account_access: 'nobody' },
          reason: 'typo',
        })
      ).status,
    ).toBe(400);
  });
});

describe('macros, notes and merge (SUP-4, SUP-5)', () => {
  it(`SUP-5: a macro is filled with the ticket’s data in the requester’s language \
and applies its effects`, async () => {
    const admin = await t.staff('admin');
    const support = await t.staff('support');
    const o = await makeOrder(t);
    const macro = await admin.post('/api/admin/ticket-macros', {
      name: 'Payment checked',
      bodyEn: 'Hello {{user.name}}, we checked the payment of "{{order.title}}".',
      bodyId: 'Halo {{user.name}}, kami sudah memeriksa pembayaran "{{order.title}}".',
      setStatus: 'pending',
      addTag: 'payment',
    });
    expect(macro.status, JSON.stringify(macro.body)).toBe(201);
    expect(
      (await support.post('/api/admin/ticket-macros', { name: 'x', bodyEn: 'a', bodyId: 'b' })).status,
    ).toBe(403);
    const unknown = await admin.post('/api/admin/ticket-macros', {
      name: 'Bad',
      bodyEn: '{{user.email}}',
      bodyId: 'b',
    });
    expect(unknown.status).toBe(400);
    // The buyer reads Indonesian (the default); the seller chose English.
    await t.ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', o.seller.id).execute();
    const name = async (u: UserClient) =>
      (await t.ctx.db.selectFrom('users').select('name').where('id', '=', u.id).executeTakeFirstOrThrow())
        .name;
    for (const [u, expected] of [
      [o.buyer, `Halo ${await name(o.buyer)}, kami sudah memeriksa pembayaran "Logo design for your shop".`],
      [o.seller, `Hello ${await name(o.seller)}, we checked the payment of "Logo design for your shop".`],
    ] as const) {
      const ticket = await openTicket(u, { orderId: o.orderId });
      const preview = await support.get(`/api/admin/tickets/${ticket.id}/macros/${macro.body.id}/preview`);
      expect(preview.body).toMatchObject({ body: expected, setStatus: 'pending', addTag: 'payment' });
      const sent = await support.post(`/api/admin/tickets/${ticket.id}/messages`, { macroId: macro.body.id });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect(sent.body.status).toBe('pending');
      const row = await ticketRow(ticket.id);
      expect(row.tags).toEqual(['payment']);
      const thread = (await u.get(`/api/v1/support/tickets/${ticket.id}`)).body.messages;
      expect(thread.at(-1)).toMatchObject({ authorType: 'staff', body: expected });
      const mail = await t.ctx.db
        .selectFrom('outbox')
        .select('body')
        .where('recipient', '=', u.email)
        .where('kind', '=', 'ticket.reply')
        .executeTakeFirstOrThrow();
      expect(mail.body).toContain(expected);
    }
    // A ticket without an order cannot fill {{order.title}}: 422, nothing sent.
    const bare = await openTicket(o.buyer);
    const missing = await support.post(`/api/admin/tickets/${bare.id}/messages`, { macroId: macro.body.id });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ type: `${P}macro-data-missing`, missing: ['order.title'] });
  });

  it(`SUP-5: a placeholder may have blanks inside its braces, a payout amount reads as rupiah (Rp with \
dots) from the linked withdrawal, and the 422 names every value a ticket lacks`, async () => {
    const admin = await t.staff('admin');
    const support = await t.staff('support');
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    const days = (await admin.get('/api/admin/settings/clearance_days')).body.value as number;
    await t.advance(days * DAY + 60);
    const w = await o.seller.post('/api/v1/withdrawals', {
      amount: 512_345,
      method: { type: 'bank_transfer', bank: 'BCA', accountNumber: '1234567890', holderName: 'Sari Dewi' },
    });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    const macro = await admin.post('/api/admin/ticket-macros', {
      name: 'Payout on its way',
      bodyEn: 'Hello {{ user.name }}, your payout of {{  withdrawal.amount  }} is on its way.',
      bodyId: 'Halo {{ user.name }}, penarikan {{  withdrawal.amount  }} sedang diproses.',
    });
    expect(macro.status, JSON.stringify(macro.body)).toBe(201);
    const ticket = await openTicket(o.seller, { withdrawalId: w.body.id });
    const name = (
      await t.ctx.db
        .selectFrom('users')
        .select('name')
        .where('id', '=', o.seller.id)
        .executeTakeFirstOrThrow()
    ).name;
    const preview = await support.get(`/api/admin/tickets/${ticket.id}/macros/${macro.body.id}/preview`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.body).toBe(`Halo ${name}, penarikan Rp 512.345 sedang diproses.`);
    // A ticket linked to nothing lacks both: the 422 names each, in the order the macro uses them.
    const both = await admin.post('/api/admin/ticket-macros', {
      name: 'Order and payout',
      bodyEn: '{{order.title}}: {{withdrawal.amount}}',
      bodyId: '{{order.title}}: {{withdrawal.amount}}',
    });
    const bare = await openTicket(o.seller);
    const missing = await support.post(`/api/admin/tickets/${bare.id}/messages`, { macroId: both.body.id });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      type: `${P}macro-data-missing`,
      title: 'The ticket lacks what the macro needs',
      detail: expect.stringContaining('no value for order.title, withdrawal.amount; link the record'),
      missing: ['order.title', 'withdrawal.amount'],
    });
  });

  it('SUP-4: internal notes are audited and never visible through /api/v1 or mailed', async () => {
    const user = await t.user();
    const support = await t.staff('support');
    const ticket = await openTicket(user);
    const mailsBefore = await t.ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('recipient', '=', user.email)
      .execute();
    const note = await support.post(`/api/admin/tickets/${ticket.id}/messages`, {
      body: 'SECRET: looks like card testing',
      internal: true,
    });
    expect(note.status).toBe(201);
    expect(note.body.status).toBe('new');
    const read = await user.get(`/api/v1/support/tickets/${ticket.id}`);
    expect(JSON.stringify(read.body)).not.toContain('SECRET');
    const list = await user.get('/api/v1/support/tickets');
    expect(JSON.stringify(list.body)).not.toContain('SECRET');
    const notes = await user.get('/api/v1/notifications');
    expect(JSON.stringify(notes.body)).not.toContain('SECRET');
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('recipient', '=', user.email)
      .execute();
    expect(mails).toHaveLength(mailsBefore.length);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'action'])
      .where('subject_type', '=', 'ticket')
      .where('subject_id', '=', String(ticket.id))
      .execute();
    expect(audited).toContainEqual({ actor_id: support.id, action: 'ticket.note' });
    expect(
      (await staffTicket(support, ticket.id)).messages.some((m: { body: string }) =>
        m.body.includes('SECRET'),
      ),
    ).toBe(true);
  });

  it(`SUP-2: a duplicate merges into another ticket of the same requester; the \
thread moves and they are told`, async () => {
    const user = await t.user();
    const stranger = await t.user();
    const support = await t.staff('support');
    const first = await openTicket(user, { subject: 'Charged twice' });
    const dup = await openTicket(user, {
      subject: 'Charged twice again',
      message: 'Second message about the same.',
    });
    const theirs = await openTicket(stranger);
    expect(
      (await support.post(`/api/admin/tickets/${dup.id}/merge`, { intoId: theirs.id, reason: 'same' }))
        .status,
    ).toBe(422);
    const merged = await support.post(`/api/admin/tickets/${dup.id}/merge`, {
      intoId: first.id,
      reason: 'Same question',
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const target = (await user.get(`/api/v1/support/tickets/${first.id}`)).body;
    expect(target.messages.map((m: { body: string }) => m.body)).toEqual([
      'The card payment for my order failed twice.',
      'Second message about the same.',
      `Ticket #${dup.id} (Charged twice again) was merged into this ticket.`,
    ]);
    const source = (await user.get(`/api/v1/support/tickets/${dup.id}`)).body;
    expect(source).toMatchObject({ status: 'closed', mergedInto: first.id, canReply: false });
    const told = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', user.email)
      .where('kind', '=', 'ticket.merged')
      .execute();
    expect(told).toHaveLength(1);
    const reply = await user.post(`/api/v1/support/tickets/${dup.id}/messages`, { message: 'hello?' });
    expect(reply.body).toMatchObject({ type: `${P}ticket-closed`, mergedInto: first.id });
  });
});

describe('linked records and refunds (SUP-1, REF-1)', () => {
  it(`SUP-1: a linked order, withdrawal or dispute must be the user’s own (404 \
otherwise); attachments follow the evidence rules`, async () => {
    const o = await makeOrder(t);
    const stranger = await t.user();
    for (const link of [{ orderId: o.orderId }, { withdrawalId: 999_999 }, { disputeId: 999_999 }]) {
      const res = await stranger.post('/api/v1/support/tickets', {
        topic: 'other',
        subject: 'Not mine',
        message: 'Somebody else’s record',
        ...link,
      });
      expect(res.status, JSON.stringify(link)).toBe(404);
    }
    expect(
      await t.ctx.db.selectFrom('tickets').select('id').where('requester_id', '=', stranger.id).execute(),
    ).toEqual([]);
    const withFile = await o.buyer
      .upload('/api/v1/support/tickets')
      .field('topic', 'completed_order_problem')
      .field('subject', 'Broken file')
      .field('message', 'The delivered file does not open.')
      .field('orderId', String(o.orderId))
      .attach('attachments', Buffer.from('%PDF-1.4\n%%EOF\n'), {
        filename: 'receipt.pdf',
        contentType: 'application/pdf',
      });
    expect(withFile.status, JSON.stringify(withFile.body)).toBe(201);
    expect(withFile.body.messages[0].attachments).toHaveLength(1);
    const fileUrl =
      `/api/v1/support/tickets/${withFile.body.id}` +
      `/attachments/${withFile.body.messages[0].attachments[0].id}`;
    const file = await o.buyer.get(fileUrl);
    expect(file.status).toBe(200);
    expect((await stranger.get(fileUrl)).status).toBe(404);
    const exe = await o.buyer
      .upload('/api/v1/support/tickets')
      .field('topic', 'other')
      .field('subject', 'Program')
      .field('message', 'A program for you')
      .attach('attachments', Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), {
        filename: 'a.exe',
        contentType: 'application/x-msdownload',
      });
    expect(exe.status).toBe(415);
  });

  it(`REF-1, SUP-1: support opens a refund request from a ticket; it links back \
and the decision appears in the thread`, async () => {
    const o = await makeOrder(t);
    const support = await t.staff('support');
    const ticket = await openTicket(o.buyer, { topic: 'completed_order_problem', orderId: o.orderId });
    const opened = await support.post(`/api/admin/tickets/${ticket.id}/refund-requests`, {
      kind: 'order',
      orderId: o.orderId,
      reason: 'seller_unresponsive',
      message: 'The seller has not answered for a week.',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const refundId = opened.body.refundRequestId;
    const row = await t.ctx.db
      .selectFrom('refund_requests')
      .selectAll()
      .where('id', '=', refundId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ticket_id: ticket.id, buyer_id: o.buyer.id, order_id: o.orderId });
    const decided = await support.post(`/api/admin/refund-requests/${refundId}/reject`, {
      reason: 'The work was delivered',
    });
    expect(decided.status).toBe(200);
    const thread = (await o.buyer.get(`/api/v1/support/tickets/${ticket.id}`)).body.messages;
    expect(thread.at(-1).body).toBe(
      `Refund request #${refundId} was rejected. Reason: The work was delivered`,
    );
    expect((await staffTicket(support, ticket.id)).refundRequests).toEqual([
      expect.objectContaining({ id: refundId, status: 'rejected' }),
    ]);
  });
});

describe('without signing in (SUP-1)', () => {
  it(`SUP-1: a blocked user writes through the contact form; unknown emails get \
202 and nothing; the link opens the ticket and replies go by link`, async () => {
    const user = await t.user();
    const trust = await t.staff('trust_safety');
    expect(
      (await trust.post(`/api/admin/users/${user.id}/block`, { reason: 'Fraudulent chargebacks' })).status,
    ).toBe(200);
    const count = async () => ({
      outbox: (
        await t.ctx.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
      contacts: (
        await t.ctx.db
          .selectFrom('support_contacts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
      tickets: (
        await t.ctx.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
      notifications: (
        await t.ctx.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    });
    const before = await count();
    const unknown = await request(t.app).post('/api/v1/support/contact').send({
      email: 'nobody-here@example.test',
      topic: 'blocked_account_funds',
      message: 'Where is my money?',
    });
    expect(unknown.status).toBe(202);
    expect(await count()).toEqual(before);
    const known = await request(t.app).post('/api/v1/support/contact').send({
      email: user.email.toUpperCase(),
      topic: 'blocked_account_funds',
      message: 'Where is my money?\nI was blocked.',
    });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(
      await t.ctx.db.selectFrom('tickets').select('id').where('requester_id', '=', user.id).execute(),
    ).toEqual([]);
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', user.email)
      .where('kind', '=', 'support.contact-confirm')
      .executeTakeFirstOrThrow();
    const token = /token=([\w-]+)/.exec(mail.body)![1]!;
    expect((await request(t.app).get('/api/v1/support/contact/confirm?token=wrong-token-123')).status).toBe(
      404,
    );
    const confirmed = await request(t.app).get(`/api/v1/support/contact/confirm?token=${token}`);
    expect(confirmed.status).toBe(200);
    const again = await request(t.app).get(`/api/v1/support/contact/confirm?token=${token}`);
    expect(again.body.ticketId).toBe(confirmed.body.ticketId);
    const ticket = await ticketRow(confirmed.body.ticketId);
    expect(ticket).toMatchObject({
      requester_id: user.id,
      channel: 'email',
      queue: 'finance',
      subject: 'Where is my money?',
    });
    const finance = await t.staff('finance');
    await finance.post(`/api/admin/tickets/${ticket.id}/messages`, {
      body: 'Your funds are held until March.',
      status: 'pending',
    });
    const answer = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', user.email)
      .where('kind', '=', 'ticket.reply')
      .executeTakeFirstOrThrow();
    expect(answer.body).toContain('Your funds are held until March.');
    const replyToken = /thread\?token=([\w-]+)/.exec(answer.body)![1]!;
    const thread = await request(t.app).get(`/api/v1/support/contact/thread?token=${replyToken}`);
    expect(thread.body.messages.at(-1).body).toBe('Your funds are held until March.');
    const reply = await request(t.app)
      .post('/api/v1/support/contact/reply')
      .send({ token: replyToken, message: 'Thank you, I will wait.' });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('open');
    // The link is no key to another ticket.
    expect(
      (
        await request(t.app)
          .post('/api/v1/support/contact/reply')
          .send({ token: 'x'.repeat(20), message: 'hi' })
      ).status,
    ).toBe(404);
    // The link expires after the setting's hours.
    await request(t.app)
      .post('/api/v1/support/contact')
      .send({ email: user.email, topic: 'other', message: 'Another one' });
    const second = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', user.email)
      .where('kind', '=', 'support.contact-confirm')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await t.advance(24 * 3600);
    const expired = await request(t.app).get(
      `/api/v1/support/contact/confirm?token=${/token=([\w-]+)/.exec(second.body)![1]}`,
    );
    expect(expired.status).toBe(404);
  });
});
