import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { sql } from 'kysely';
import { useTestApp } from '../helpers/context.js';

const t = useTestApp({ storage: 's3' });

describe('health endpoints for load balancers and orchestrators', () => {
  it(`OPS-4: /api/health/live answers while the process runs; /api/health/ready \
checks database, migrations and storage`, async () => {
    const live = await request(t.app).get('/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'up' });
    const ready = await request(t.app).get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: {
        database: { ok: true },
        migrations: { ok: true },
        storage: { ok: true },
        shutdown: { ok: true },
      },
    });
  });

  it('OPS-4: not ready while the file store is unreachable (live stays up)', async () => {
    await t.s3!.stop();
    try {
      const ready = await request(t.app).get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('not-ready');
      expect(ready.body.checks.storage.ok).toBe(false);
      expect(ready.body.checks.database).toEqual({ ok: true });
      expect((await request(t.app).get('/api/health/live')).status).toBe(200);
    } finally {
      await t.s3!.restart();
    }
    expect((await request(t.app).get('/api/health/ready')).status).toBe(200);
  });

  it('OPS-4: not ready while a migration this code knows is not applied', async () => {
    const last = await t.ctx.db
      .selectFrom(sql<{ name: string; timestamp: string }>`kysely_migration`.as('m'))
      .select(['m.name', 'm.timestamp'])
      .orderBy('m.name', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`delete from kysely_migration where name = ${last.name}`.execute(t.ctx.db);
    try {
      const ready = await request(t.app).get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.migrations).toEqual({ ok: false, detail: `not applied: ${last.name}` });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name},
        ${last.timestamp})`.execute(t.ctx.db);
    }
    expect((await request(t.app).get('/api/health/ready')).status).toBe(200);
  });

  it('OPS-4: not ready once shutdown has begun', async () => {
    t.ctx.lifecycle.draining = true;
    try {
      const ready = await request(t.app).get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.shutdown).toEqual({ ok: false, detail: 'shutting down' });
    } finally {
      t.ctx.lifecycle.draining = false;
    }
  });
});
