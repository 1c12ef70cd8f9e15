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

/**
 * What each kind of setting accepts (issue #21: the schemas of `settings/rules.ts`). Run last in this file:
 * the values set here stay for the rest of it.
 */
describe('what a policy setting accepts (POL-1)', () => {
  const change = async (key: string, value: unknown) => {
    const admin = await t.staff('admin');
    return admin.put(`/api/admin/settings/${key}`, { value, reason: 'bounds of the setting' });
  };
  /** The messages of a refused value, after checking it is a 400 on that field. */
  const refused = async (key: string, value: unknown) => {
    const res = await change(key, value);
    expect(res.status, `${key} = ${JSON.stringify(value)}`).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([`body.values.${key}`]);
    return res.body.errors[0].message as string;
  };
  const accepted = async (key: string, value: unknown) => {
    const res = await change(key, value);
    expect(res.status, `${key} = ${JSON.stringify(value)}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.value as unknown;
  };

  it(`POL-1: counts, basis points, flags and money take whole numbers from 0 to their top and refuse one \
past either end`, async () => {
    const cases: [key: string, top: number][] = [
      ['clearance_days', 1_000_000],
      ['commission_bp', 10_000],
      ['second_factor_support', 1],
      ['withdrawal_min', Number.MAX_SAFE_INTEGER],
    ];
    for (const [key, top] of cases) {
      const dflt = (await (await t.staff('admin')).get(`/api/admin/settings/${key}`)).body.default;
      expect(await accepted(key, 0)).toBe(0);
      expect(await accepted(key, top)).toBe(top);
      await refused(key, -1);
      if (top < Number.MAX_SAFE_INTEGER) await refused(key, top + 1);
      await refused(key, 0.5);
      expect(await accepted(key, dflt)).toBe(dflt);
    }
  });

  it(`OPS-2: holidays are real dates written YYYY-MM-DD, kept sorted without repeats, at most 500 of \
them`, async () => {
    expect(await accepted('holidays', ['2027-08-17', '2026-12-25', '2027-08-17', '2027-01-01'])).toEqual([
      '2026-12-25',
      '2027-01-01',
      '2027-08-17',
    ]);
    expect(await accepted('holidays', [])).toEqual([]);
    // A date in another form is refused for its form (whatever else is said of it).
    for (const d of [
      '26-12-25',
      'x2026-12-25',
      '2026-12-25x',
      '2026-1-05',
      '20261225',
      '2026-12-25T00:00:00Z',
    ])
      expect((await refused('holidays', [d])).split('; '), d).toContain('dates are YYYY-MM-DD');
    for (const d of ['2026-13-01', '2026-12-32', '2026-02-29', '2026-02-30', '2026-04-31'])
      expect(await refused('holidays', [d]), d).toBe('not a real date');
    expect(await accepted('holidays', ['2028-02-29'])).toEqual(['2028-02-29']);
    const days = (n: number) =>
      Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(await accepted('holidays', days(500))).toHaveLength(500);
    await refused('holidays', days(501));
  });

  it(`SUP-1, SUP-3: a change to a per-topic setting keeps the other topics, and an unknown topic, queue or \
too long an SLA is refused`, async () => {
    const admin = await t.staff('admin');
    const routing = (await admin.get('/api/admin/settings/ticket_routing')).body;
    // Every topic goes to a staff queue unless changed.
    expect(Object.keys(routing.default).sort()).toEqual(Object.keys(routing.value).sort());
    for (const queue of Object.values(routing.default))
      expect(['support', 'trust_safety', 'finance']).toContain(queue);
    expect(await accepted('ticket_routing', { other: 'finance' })).toEqual({
      ...routing.value,
      other: 'finance',
    });
    await refused('ticket_routing', { other: 'nobody' });
    await refused('ticket_routing', { no_such_topic: 'support' });
    for (const [key, top] of [
      ['ticket_first_response_sla_days', 60],
      ['ticket_resolution_sla_days', 250],
    ] as const) {
      const { default: dflt } = (await admin.get(`/api/admin/settings/${key}`)).body;
      expect(Object.keys(dflt)).toEqual(Object.keys(routing.default));
      expect(await accepted(key, { other: top })).toEqual({ ...dflt, other: top });
      await refused(key, { other: top + 1 });
      await refused(key, { other: -1 });
      await refused(key, { no_such_topic: 1 });
    }
  });
});
