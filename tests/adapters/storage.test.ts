import { describe, expect, it } from 'vitest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';
import { S3Storage } from '../../server/storage/s3.js';
import { scheduleNextOrphanCleanup } from '../../server/storage/orphans.js';

const t = useTestApp({ storage: 's3' });
const HOUR = 3600;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4 the signed brief');

const sendIdentity = (u: UserClient) =>
  u
    .upload('/api/v1/me/identity-verification')
    .attach('idPhoto', PNG, { filename: 'ktp.png', contentType: 'image/png' })
    .attach('selfie', PNG, { filename: 'selfie.png', contentType: 'image/png' });

async function storedKeys(): Promise<string[]> {
  const keys = [];
  for await (const o of t.ctx.storage.list()) keys.push(o.key);
  return keys.sort();
}

async function disputed() {
  const o = await makeOrder(t, { upTo: 'delivered', price: 1_000_000 });
  const res = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
    milestoneId: o.milestoneId,
    reason: 'The logo is a copy of a stock image.',
    amount: 200_000,
  });
  expect(res.status).toBe(201);
  return { ...o, disputeId: res.body.id as number };
}

const statementWithFile = (u: UserClient, disputeId: number) =>
  u
    .upload(`/api/v1/disputes/${disputeId}/statements`)
    .field('text', 'The brief I signed is attached.')
    .attach('files', PDF, { filename: 'brief.pdf', contentType: 'application/pdf' });

describe('files in an S3-compatible bucket (PASAR_STORAGE=s3)', () => {
  it(`ACC-7: PASAR_STORAGE=s3 stores identity photos in the bucket; staff read \
them back through the API`, async () => {
    expect(t.ctx.storage).toBeInstanceOf(S3Storage);
    const u = await t.seller();
    const sent = await sendIdentity(u);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const docs = await t.ctx.db
      .selectFrom('user_documents')
      .select(['id', 'storage_key'])
      .where('user_id', '=', u.id)
      .execute();
    expect(docs).toHaveLength(2);
    expect(await storedKeys()).toEqual(expect.arrayContaining(docs.map((d) => d.storage_key)));
    const trust = await t.staff('trust_safety');
    const file = await trust
      .get(`/api/admin/documents/${docs[0]!.id}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
  });

  it(`ACC-7: with the store unreachable the upload answers 503 and no identity \
check or document is recorded`, async () => {
    const u = await t.seller();
    await t.s3!.stop();
    try {
      const res = await sendIdentity(u);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 503, type: 'https://pasar.dev/problems/storage-unavailable' });
    } finally {
      await t.s3!.restart();
    }
    const checks = await t.ctx.db
      .selectFrom('identity_checks')
      .select('id')
      .where('user_id', '=', u.id)
      .execute();
    expect(checks).toEqual([]);
    const docs = await t.ctx.db
      .selectFrom('user_documents')
      .select('id')
      .where('user_id', '=', u.id)
      .execute();
    expect(docs).toEqual([]);
    // The same request succeeds once the store is back.
    expect((await sendIdentity(u)).status).toBe(201);
  });

  it(`DSP-5: a statement with evidence never commits without its file: 503 and no \
statement while the store is down`, async () => {
    const d = await disputed();
    const before = (await d.seller.get(`/api/v1/disputes/${d.disputeId}`)).body.statements.length;
    await t.s3!.stop();
    try {
      const res = await statementWithFile(d.seller, d.disputeId);
      expect(res.status).toBe(503);
      expect(res.body.status).toBe(503);
    } finally {
      await t.s3!.restart();
    }
    expect((await d.seller.get(`/api/v1/disputes/${d.disputeId}`)).body.statements).toHaveLength(before);
    expect(
      await t.ctx.db
        .selectFrom('evidence_files')
        .select('id')
        .where('dispute_id', '=', d.disputeId)
        .execute(),
    ).toEqual([]);

    const ok = await statementWithFile(d.seller, d.disputeId);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.files).toHaveLength(1);
    const support = await t.staff('support');
    const file = await support.get(`/api/admin/evidence/${ok.body.files[0].id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(Buffer.from(file.body as Buffer).toString()).toBe(PDF.toString());
  });

  it(`OPS-4: a file whose statement was refused is an orphan, deleted by the \
daily clean-up once a day old; files with rows stay`, async () => {
    const d = await disputed();
    const stranger = await t.user();
    const kept = await storedKeys();
    // Stored first, then refused (not a party): the file has no row.
    expect((await statementWithFile(stranger, d.disputeId)).status).toBe(404);
    const orphans = (await storedKeys()).filter((k) => !kept.includes(k));
    expect(orphans).toHaveLength(1);
    expect(orphans[0]).toMatch(/^evidence\/d\d+\/\d{8}T\d{6}Z-[\w-]+$/);

    await scheduleNextOrphanCleanup(t.ctx.db, t.clock.now());
    await t.advance(12 * HOUR); // the first daily run may come within the day: too young to delete
    expect(await storedKeys()).toEqual(expect.arrayContaining(orphans));
    await t.advance(32 * HOUR); // the next run: a day old
    const runs = await t.ctx.db
      .selectFrom('scheduled_jobs')
      .select(['status', 'last_error'])
      .where('kind', '=', 'storage.clean-orphans')
      .orderBy('run_at')
      .execute();
    expect(runs.map((r) => r.status)).toEqual(['done', 'done', 'pending']);
    const after = await storedKeys();
    expect(after).not.toContain(orphans[0]);
    expect(after).toEqual(expect.arrayContaining(kept));
    expect(kept.length).toBeGreaterThan(0);
  });
});
