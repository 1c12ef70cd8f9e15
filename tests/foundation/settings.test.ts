import { describe, expect, it } from 'vitest';
import { settingsAt } from '../../server/modules/settings/repository.js';
import { SETTING_DEFS } from '../../server/modules/settings/rules.js';
import { useTestApp } from '../helpers/context.js';

const t = useTestApp();

describe('policy settings (POL-1)', () => {
  it('POL-1: every setting has its rulebook default and the rule it comes from', async () => {
    const admin = await t.staff('admin');
    const res = await admin.get('/api/admin/settings?range=[0,499]');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(SETTING_DEFS.length);
    const commission = res.body.find((s: { id: string }) => s.id === 'commission_bp');
    expect(commission).toMatchObject({ value: 2000, default: 2000, rule: 'ORD-4' });
    expect(res.headers['content-range']).toMatch(/^settings 0-\d+\/\d+$/);
  });

  it('POL-1: a change is audited with who, the reason and before/after', async () => {
    const admin = await t.staff('admin');
    const res = await admin.put('/api/admin/settings/clearance_days', {
      value: 10,
      reason: 'shorter clearance for launch',
    });
    expect(res.status).toBe(200);
    expect(res.body.value).toBe(10);
    const log = await admin.get(
      `/api/admin/audit-log?filter=` +
        encodeURIComponent(JSON.stringify({ action: 'settings.change', subjectId: 'clearance_days' })),
    );
    expect(log.body[0]).toMatchObject({
      actorId: admin.id,
      reason: 'shorter clearance for launch',
      before: { value: 14 },
      after: { value: 10 },
    });
  });

  it('POL-1: a change applies from its moment on; earlier moments keep the old value', async () => {
    const admin = await t.staff('admin');
    const before = t.clock.now();
    await t.advance(60);
    await admin.put('/api/admin/settings/commission_bp', { value: 1500, reason: 'promotion' });
    expect((await settingsAt(t.ctx.db, before)).commission_bp).toBe(2000);
    expect((await settingsAt(t.ctx.db, t.clock.now())).commission_bp).toBe(1500);
  });

  it('a bad value is a 400 with the field, and nothing changes', async () => {
    const admin = await t.staff('admin');
    const res = await admin.put('/api/admin/settings', {
      values: { commission_bp: 12.5, holidays: ['2026-02-30x'] },
      reason: 'typo test',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['body.values.commission_bp', 'body.values.holidays']),
    );
    expect((await settingsAt(t.ctx.db, t.clock.now())).commission_bp).toBe(1500);
  });

  it('a change without a reason is refused', async () => {
    const admin = await t.staff('admin');
    const res = await admin.put('/api/admin/settings/commission_bp', { value: 1000 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.reason');
  });

  it('the holiday list is a setting too (OPS-2)', async () => {
    const admin = await t.staff('admin');
    const res = await admin.put('/api/admin/settings/holidays', {
      value: ['2026-12-25', '2026-12-25', '2027-01-01'],
      reason: 'national holidays',
    });
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual(['2026-12-25', '2027-01-01']);
  });
});
