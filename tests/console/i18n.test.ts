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
