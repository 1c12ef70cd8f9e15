import { describe, expect, it } from 'vitest';
import { TestClock } from '../../server/time/clock.js';
import { useTestApp } from '../helpers/context.js';

/** Staff session limits run on the auth clock: this file drives it. */
const authClock = new TestClock();
const t = useTestApp({ authClock });

describe('staff session limits (OPS-7)', () => {
  it('OPS-7: a staff session ends after 30 minutes idle, not before', async () => {
    const s = await t.staff('support', 'idle@staff.test');
    authClock.advance(30 * 60 - 1);
    expect((await s.get('/api/admin/me')).status).toBe(200);
    // Each request restarts the idle time.
    authClock.advance(30 * 60 - 1);
    expect((await s.get('/api/admin/me')).status).toBe(200);
    authClock.advance(30 * 60);
    const res = await s.get('/api/admin/me');
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/ended/);
    // It is gone, not just refused once.
    expect((await s.get('/api/admin/me')).status).toBe(401);
  });

  it('OPS-7: a staff session ends 12 hours after sign-in however busy it is', async () => {
    const s = await t.staff('support', 'busy@staff.test');
    for (let i = 0; i < 24; i++) {
      authClock.advance(29 * 60 + 59);
      if (i < 24 - 1) expect((await s.get('/api/admin/me')).status, `after ${i + 1} half hours`).toBe(200);
    }
    // 24 × 29:59 = 11 h 59 min 36 s: still in. Crossing 12 h ends it.
    authClock.advance(30);
    expect((await s.get('/api/admin/me')).status).toBe(401);
  });
});
