import request from 'supertest';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/context.js';

/** The newest message to an address (mail or `sms:+62…`), after the scheduler has run what is due. */
export async function lastMessage(t: TestApp, to: string, kind?: string) {
  await t.ctx.scheduler.runDue();
  let q = t.ctx.db
    .selectFrom('outbox')
    .select(['id', 'kind', 'subject', 'body'])
    .where('recipient', '=', to)
    .orderBy('id', 'desc');
  if (kind) q = q.where('kind', '=', kind);
  return q.executeTakeFirst();
}

export async function messagesTo(t: TestApp, to: string, kind: string) {
  await t.ctx.scheduler.runDue();
  return t.ctx.db
    .selectFrom('outbox')
    .select(['id', 'body'])
    .where('recipient', '=', to)
    .where('kind', '=', kind)
    .execute();
}

export const tokenIn = (body: string) => /token=([\w-]+)/.exec(body)?.[1] ?? '';

/** Registers through the API and answers the activation token of the mail. */
export async function registerPending(t: TestApp, email: string, username: string) {
  const res = await request(t.app)
    .post('/api/v1/auth/register')
    .send({ name: 'Pending Person', email, username, password: 'Rahasia-Kuat-2026' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const msg = await lastMessage(t, email, 'account.activation');
  return tokenIn(msg!.body);
}

export const login = (t: TestApp, email: string, password: string, ua = 'vitest') =>
  request(t.app).post('/api/v1/auth/login').set('User-Agent', ua).send({ email, password });
