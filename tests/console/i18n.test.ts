import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../console/src/i18n/en';
import { id } from '../../console/src/i18n/id';
import { formatDateTime } from '../../console/src/common/dateTime';
import * as accountsMachines from '../../server/modules/accounts/machine.js';
import * as catalogueMachines from '../../server/modules/catalogue/machine.js';
import * as disputesMachines from '../../server/modules/disputes/machine.js';
import * as identityMachines from '../../server/modules/identity/machine.js';
import * as invoicesMachines from '../../server/modules/invoices/machine.js';
import * as moderationMachines from '../../server/modules/moderation/machine.js';
import * as ordersMachines from '../../server/modules/orders/machine.js';
import * as refundsMachines from '../../server/modules/refunds/machine.js';
import * as resolutionMachines from '../../server/modules/resolution/machine.js';
import * as sellersMachines from '../../server/modules/sellers/machine.js';
import * as ticketsMachines from '../../server/modules/tickets/machine.js';
import * as trustMachines from '../../server/modules/trust/machine.js';
import * as withdrawalsMachines from '../../server/modules/withdrawals/machine.js';

type Messages = { [key: string]: string | Messages };

/** The keys as polyglot sees them: nested objects joined with dots. */
function flatten(m: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const EN = flatten(en as unknown as Messages);
const ID = flatten(id as unknown as Messages);

interface MachineLike {
  table: string;
  initial: readonly string[];
  transitions: readonly { from: readonly string[]; to: unknown }[];
}

/** Every state a machine can be in: its initial states, every `from` and every `to`. */
function statesOf(m: MachineLike): Set<string> {
  const states = new Set(m.initial);
  for (const t of m.transitions) {
    t.from.forEach((s) => states.add(s));
    // A computed target (`to: (c) => c.released ? 'released' : 'refunded'`): the states it can answer.
    if (typeof t.to === 'string') states.add(t.to);
    else for (const [, s] of String(t.to).matchAll(/['"]([a-z_]+)['"]/g)) states.add(s!);
  }
  return states;
}

// Every machine module of the server: a new module with a machine.ts must be added here (the count below).
const modules: Record<string, unknown>[] = [
  accountsMachines,
  catalogueMachines,
  disputesMachines,
  identityMachines,
  invoicesMachines,
  moderationMachines,
  ordersMachines,
  refundsMachines,
  resolutionMachines,
  sellersMachines,
  ticketsMachines,
  trustMachines,
  withdrawalsMachines,
];
const machines = modules.flatMap((mod) =>
  Object.entries(mod)
    .filter(([name, v]) => name.endsWith('_MACHINE') && typeof v === 'object' && v !== null)
    .map(([, v]) => v as MachineLike),
);

describe('console catalogues (issue #16 item 6)', () => {
  it('has the same keys in English and Indonesian', () => {
    const onlyEn = [...EN.keys()].filter((k) => !ID.has(k));
    const onlyId = [...ID.keys()].filter((k) => !EN.has(k));
    expect(onlyEn, 'keys in en.ts missing from id.ts').toEqual([]);
    expect(onlyId, 'keys in id.ts missing from en.ts').toEqual([]);
  });

  it('has no empty Indonesian text', () => {
    // react-admin's own blank on purpose (ra.boolean.null is ' ' in English too) is the only exception.
    const empty = [...ID].filter(([k, v]) => v.trim() === '' && EN.get(k)?.trim() !== '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('translates the enums instead of copying the English', () => {
    const enums = [...ID].filter(([k]) => k.startsWith('enums.'));
    const copied = enums.filter(([k, v]) => EN.get(k) === v && !/^(Tip|Platform: %\{kind\})$/.test(v));
    // A few words are the same in both languages; most must differ.
    expect(copied.length / enums.length).toBeLessThan(0.05);
  });

  it('labels every status of every server machine in both languages', () => {
    expect(modules.length).toBe(
      readdirSync('server/modules').filter((d) => existsSync(`server/modules/${d}/machine.ts`)).length,
    );
    expect(machines.length).toBeGreaterThanOrEqual(19);
    const missing: string[] = [];
    for (const m of machines) {
      for (const s of statesOf(m)) {
        const key = `enums.status.${m.table}.${s}`;
        if (!EN.get(key)) missing.push(`en ${key}`);
        if (!ID.get(key)) missing.push(`id ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('console dates', () => {
  const at = '2026-11-25T22:15:49Z';
  it('are shown in the marketplace zone with its label, in the console language', () => {
    expect(formatDateTime(at, 'en', 'datetime', 'Asia/Jakarta')).toBe('26 Nov 2026, 05:15 WIB');
    expect(formatDateTime(at, 'id', 'datetime', 'Asia/Jakarta')).toBe('26 Nov 2026, 05.15 WIB');
    expect(formatDateTime(at, 'id', 'seconds', 'Asia/Jakarta')).toBe('26 Nov 2026, 05.15.49 WIB');
    expect(formatDateTime(at, 'en', 'date', 'Asia/Jakarta')).toBe('26 Nov 2026');
    expect(formatDateTime(at, 'en', 'datetime', 'Asia/Makassar')).toBe('26 Nov 2026, 06:15 WITA');
    expect(formatDateTime(at, 'en', 'datetime', 'Europe/London')).toBe('25 Nov 2026, 22:15 Europe/London');
    expect(formatDateTime(null, 'en')).toBe('');
  });
});

describe('audit actions have labels (#16 item 6)', () => {
  it(`every audit action the server writes literally, and every queue claim, \
assign and unassign, is labelled in both`, async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
    };
    walk('server');
    const actions = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(f, 'utf8').matchAll(/\baction: ['`]([a-z][a-z0-9-]*\.[a-z0-9.-]+)['`]/g))
        actions.add(m[1]!);
    const { QUEUE_KINDS } = await import('../../server/modules/queues/registry.js');
    for (const q of QUEUE_KINDS)
      for (const verb of ['claim', 'assign', 'unassign']) actions.add(`${q.audit}.${verb}`);
    expect(actions.size).toBeGreaterThan(60);
    const missing = [...actions].filter((a) => !EN.has(`enums.audit.${a}`) || !ID.has(`enums.audit.${a}`));
    expect(missing).toEqual([]);
  });
});

describe('problem types have labels (#16 item 6)', () => {
  /**
   * Every `type` the server can answer: the literal slugs of its problems, and each machine's state
   * conflict.
   */
  function declaredProblemTypes(): Set<string> {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
    };
    walk('server');
    const slugs = new Set<string>();
    const dynamic: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      // `new Problem({ status: 409, slug: 'slug', ... })` (or `{ status, slug, ... }`: the expression is
      // `slug`) and the helper's `problems.conflict('slug', ...)` / `unprocessable`.
      const read = [...text.matchAll(/new Problem\(\s*\{\s*status:\s*[^,]+,\s*slug(?:\s*:\s*([^,]+))?\s*,/g)];
      for (const m of read) {
        const slug = (m[1] ?? 'slug').trim();
        if (/^['`][a-z0-9-]+['`]$/.test(slug)) slugs.add(slug.slice(1, -1));
        else dynamic.push(`${f}: ${slug}`);
      }
      // One written another way would be missed: it is listed, and the list below no longer matches.
      const written = text.match(/new Problem\(/g)?.length ?? 0;
      if (written !== read.length) dynamic.push(`${f}: ${written - read.length} new Problem(...) not read`);
      for (const m of text.matchAll(/problems\.(?:conflict|unprocessable)\(\s*([^,]+),/g))
        if (/^['`][a-z0-9-]+['`]$/.test(m[1]!.trim())) slugs.add(m[1]!.trim().slice(1, -1));
        else dynamic.push(`${f}: ${m[1]!.trim()}`);
    }
    // The only slugs built from variables: the helper's own parameters, and apply.ts's state conflict of each
    // machine table (a new dynamic one must be enumerated here from its source).
    expect(dynamic.sort()).toEqual([
      'server/http/problem.ts: slug',
      'server/http/problem.ts: slug',
      expect.stringMatching(/^server\/machines\/apply\.ts: `\$\{m\.table/),
    ]);
    for (const m of machines) slugs.add(`${m.table.replace(/_/g, '-').replace(/s$/, '')}-state-conflict`);
    return slugs;
  }

  it('every problem type the server declares has an English and an Indonesian message', () => {
    const types = declaredProblemTypes();
    expect(types.size).toBeGreaterThan(100);
    expect(types).toContain('payout-flagged');
    expect(types).toContain('order-state-conflict');
    const missing = [...types].filter((s) => !EN.get(`enums.problem.${s}`) || !ID.get(`enums.problem.${s}`));
    expect(missing.sort()).toEqual([]);
  });
});

describe('audit actions built from variables have labels (#16 item 6)', () => {
  it('enumerates them from their source tables: machine transitions, consequences, outcomes', async () => {
    const { WARNING_CONSEQUENCES } = await import('../../server/modules/trust/rules.js');
    const { ESCALATION_OUTCOMES } = await import('../../server/modules/resolution/rules.js');
    const staffNames = (m: { transitions: readonly { name: string; actor: unknown }[] }) =>
      m.transitions
        .filter((t) => (Array.isArray(t.actor) ? t.actor : [t.actor]).includes('staff'))
        .map((t) => t.name);
    const actions = [
      // tickets/service.ts: `ticket.${name}` for each staff transition of the ticket machine.
      ...staffNames(ticketsMachines.TICKET_MACHINE).map((n) => `ticket.${n}`),
      // trust/service.ts: `warning.${consequence}`.
      ...WARNING_CONSEQUENCES.map((c) => `warning.${c}`),
      // trust/reports.ts: `report.${action}`, the report machine's transitions
      // (remove-service → remove_service).
      ...staffNames(trustMachines.REPORT_MACHINE).map((n) => `report.${n.replace(/-/g, '_')}`),
      // moderation/service.ts: `service-review.${name}` and `content-flag.${name}`.
      ...staffNames(moderationMachines.SERVICE_REVIEW_MACHINE).map((n) => `service-review.${n}`),
      ...staffNames(moderationMachines.CONTENT_FLAG_MACHINE).map((n) => `content-flag.${n}`),
      // sellers/service.ts: `seller-application.${decision}`.
      ...staffNames(sellersMachines.APPLICATION_MACHINE).map((n) => `seller-application.${n}`),
      // resolution/service.ts: `escalation.${outcome}`.
      ...ESCALATION_OUTCOMES.map((o) => `escalation.${o}`),
      // identity/service.ts and refunds/service.ts: a ternary of two.
      'identity-check.approve',
      'identity-check.reject',
      'refund.approve',
      'refund.approve-partial',
    ];
    expect(actions.length).toBeGreaterThan(25);
    const missing = actions.filter((a) => !EN.get(`enums.audit.${a}`) || !ID.get(`enums.audit.${a}`));
    expect(missing).toEqual([]);
  });
});
