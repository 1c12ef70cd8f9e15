import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../time/clock.js';
import { audit, type AuditEntry } from '../modules/audit/audit.js';
import { Problem, problems } from '../http/problem.js';

/**
 * Every process of the marketplace as data: a table of transitions `{ name, from, to, actor, rule }`
 * per module (its `machine.ts`), and this one function that applies any of them. A test
 * (tests/foundation/machines.test.ts) refuses a `status` or `stage` written anywhere else.
 */
export interface Transition<S extends string = string, A extends string = string, C = never> {
  readonly name: string;
  readonly from: readonly S[];
  /** The next state, or a function of the caller's context where the next state depends on it. */
  readonly to: S | ((c: C) => S);
  /** `system` transitions (`auto-*`) are fired by the scheduler, never by a request. */
  readonly actor: A;
  readonly rule: string;
  readonly description?: string;
  /**
   * Not offered in `allowedActions`: the transition is the effect of another record's action
   * (an accepted cancellation request cancels the order), not a button of its own.
   */
  readonly consequence?: boolean;
}

/** The tables that hold a process state, and the column that holds it. */
export type StatefulTable =
  | 'orders'
  | 'milestones'
  | 'resolution_requests'
  | 'escalations'
  | 'refund_requests'
  | 'disputes'
  | 'dispute_offers'
  | 'withdrawals'
  | 'seller_applications'
  | 'identity_checks'
  | 'reports'
  | 'users'
  | 'projects'
  | 'proposals'
  | 'scheduled_jobs'
  | 'services'
  | 'service_reviews'
  | 'content_flags'
  | 'invoices'
  | 'tickets';

export interface Machine<
  S extends string,
  A extends string,
  C = never,
  T extends StatefulTable = StatefulTable,
> {
  readonly table: T;
  readonly column: 'status' | 'stage';
  /** States a record may be created in (`create()`); the first is the usual one. */
  readonly initial: readonly S[];
  readonly transitions: readonly Transition<S, A, C>[];
  /** The 409 answer when the record is in another state: each process keeps its own problem type. */
  readonly conflict?: (state: S, t: Transition<S, A, C>, id?: number) => Problem;
  /** Answer 409 for the state before 403 for the actor (the order these processes always answered in). */
  readonly stateFirst?: boolean;
  /** The 403 answer when the caller is not the transition's actor. */
  readonly forbidden?: (t: Transition<S, A, C>, actor: A) => Problem;
}

export function defineMachine<
  S extends string,
  A extends string,
  C = never,
  T extends StatefulTable = StatefulTable,
>(m: Machine<S, A, C, T>): Machine<S, A, C, T> {
  const names = new Set<string>();
  for (const t of m.transitions) {
    if (names.has(t.name)) throw new Error(`${m.table}: transition ${t.name} twice`);
    names.add(t.name);
  }
  return m;
}

export function transitionOf<S extends string, A extends string, C>(
  m: Machine<S, A, C>,
  name: string,
): Transition<S, A, C> {
  const t = m.transitions.find((x) => x.name === name);
  if (!t) throw new Error(`${m.table}: no transition ${name}`);
  return t;
}

const words = (name: string) => name.replace(/^\w+-/, '').replace(/-/g, ' ');

/**
 * Checks that `actor` may fire `name` from `state` (403 for another actor, 409 for another
 * state, in the machine's order) and returns the transition. Use cases call it where they first know the
 * state, so that the order of their answers stays as it is; `applyTransition` checks again.
 */
export function checkTransition<S extends string, A extends string, C>(
  m: Machine<S, A, C>,
  { state, name, actor, id }: { state: S; name: string; actor: A; id?: number },
): Transition<S, A, C> {
  const t = transitionOf(m, name);
  const wrongActor = () => {
    if (t.actor !== actor)
      throw m.forbidden?.(t, actor) ?? problems.forbidden(`Only the ${t.actor} may ${words(name)}.`);
  };
  if (!m.stateFirst) wrongActor();
  if (!t.from.includes(state))
    throw (
      m.conflict?.(state, t, id) ??
      new Problem({
        status: 409,
        slug: `${m.table.replace(/_/g, '-').replace(/s$/, '')}-state-conflict`,
        title: 'Not possible in this state',
        detail: `It is ${state.replace(/_/g, ' ')}; ${name} needs ${t.from.join(' or ')}.`,
        extra: { state, transition: name },
      })
    );
  wrongActor();
  return t;
}

/** Whether `actor` may fire `name` from `state` now (no exception). */
export function can<S extends string, A extends string, C>(
  m: Machine<S, A, C>,
  state: S,
  name: string,
  actor: A,
): boolean {
  const t = m.transitions.find((x) => x.name === name);
  return !!t && t.actor === actor && t.from.includes(state);
}

/**
 * The transitions `actor` may fire from `state`, as the API lists them in `allowedActions`:
 * never `system` ones, never consequences of another record's action, and only those
 * `guard` lets through (the use case's other checks: a dispute freezing the order...).
 */
export function allowedActions<S extends string, A extends string, C>(
  m: Machine<S, A, C>,
  state: S,
  actor: A | null,
  guard: (t: Transition<S, A, C>) => boolean = () => true,
): string[] {
  if (!actor) return [];
  return m.transitions
    .filter((t) => t.actor === actor && !t.consequence && t.from.includes(state) && guard(t))
    .map((t) => t.name);
}

/**
 * Whether `actor` can still act on a record in `state`: some transition of theirs leaves it (consequences
 * included). Work on a record that is not itself a transition (claim a case, reply to a ticket, warn an
 * account) is allowed exactly there, so its listed action is read off the same table.
 */
export function canStillAct<S extends string, A extends string, C>(
  m: Machine<S, A, C>,
  state: S,
  actor: A,
): boolean {
  return m.transitions.some((t) => t.actor === actor && t.from.includes(state));
}

/** The listed actions of work that is not a transition: each allowed where `actor` can still act. */
export function workActions<S extends string, A extends string, C>(
  m: Machine<S, A, C>,
  state: S,
  actor: A | null,
  names: readonly string[],
): string[] {
  return actor && canStillAct(m, state, actor) ? [...names] : [];
}

/** The order timeline (order_events): orders and their milestones and requests write there. */
export interface TimelineEntry {
  orderId: number;
  by: { actor: 'buyer' | 'seller' | 'system' | 'staff'; id: number | null };
  /** Defaults to the transition's name. */
  event?: string;
  data?: Record<string, unknown>;
  /** Record from/to states in the event (the order's own transitions do; child records do not). */
  states?: boolean;
}

export async function writeTimeline(
  db: Transaction<Database> | Kysely<Database>,
  now: Date,
  e: TimelineEntry & { event: string; from?: string | null; to?: string | null },
): Promise<number> {
  const row = await db
    .insertInto('order_events')
    .values({
      order_id: e.orderId,
      at: now,
      actor_type: e.by.actor,
      actor_id: e.by.id,
      event: e.event,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      data: JSON.stringify(e.data ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Applied<S extends string> {
  from: S;
  to: S;
  /** The timeline event written, when the history is the order timeline. */
  eventId?: number;
}

export interface ApplyOptions<S extends string, A extends string, C, R> {
  machine: Machine<S, A, C>;
  /** The record's id; its row is locked here unless `state` says the caller holds the lock already. */
  id: number;
  /** The state of a row the caller has locked in this transaction (skip the lock and the read). */
  state?: S;
  name: string;
  actor: A;
  now: Date;
  /** For a transition whose `to` depends on the record. */
  context?: C;
  /** Other columns written with the state (timestamps, who decided, reasons). */
  set?: Record<string, unknown>;
  /** The history row: the order timeline, or an audit row for a staff-driven process. */
  timeline?: TimelineEntry;
  audit?: { clock: Clock; entry: AuditEntry };
  /** Effects run after the state is written, in the same transaction. */
  effects?: (applied: Applied<S>) => Promise<R>;
}

type Loose = Transaction<Record<string, Record<string, unknown>>>;

/**
 * The one function that applies a transition, in the caller's transaction: lock the row,
 * check `from` and `actor`, write the new state and the caller's columns, write the
 * history row, run the caller's effects.
 */
export async function applyTransition<S extends string, A extends string, C, R = void>(
  trx: Transaction<Database>,
  o: ApplyOptions<S, A, C, R>,
): Promise<Applied<S> & { effects: R }> {
  const m = o.machine;
  const loose = trx as unknown as Loose;
  let from = o.state;
  if (from === undefined) {
    const row = await loose
      .selectFrom(m.table)
      .select(m.column)
      .where('id', '=', o.id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!row) throw problems.notFound(m.table.replace(/_/g, ' ').replace(/s$/, ''));
    from = row[m.column] as S;
  }
  const t = checkTransition(m, { state: from, name: o.name, actor: o.actor, id: o.id });
  const to = typeof t.to === 'function' ? t.to(o.context as C) : t.to;
  await loose
    .updateTable(m.table)
    .set({ ...o.set, [m.column]: to })
    .where('id', '=', o.id)
    .execute();
  const applied: Applied<S> = { from, to };
  if (o.timeline) {
    const states = o.timeline.states ?? true;
    applied.eventId = await writeTimeline(trx, o.now, {
      ...o.timeline,
      event: o.timeline.event ?? t.name,
      from: states ? from : null,
      to: states ? to : null,
    });
  }
  if (o.audit) await audit(trx, o.audit.clock, o.audit.entry);
  const effects = (o.effects ? await o.effects(applied) : undefined) as R;
  return { ...applied, effects };
}

type NewRow<T extends StatefulTable> = Omit<Insertable<Database[T]>, 'status' | 'stage'>;

/**
 * Inserts new records in one of the machine's initial states (the rows of a process are
 * born through its machine too) and returns them.
 */
export async function createRecords<S extends string, A extends string, C, T extends StatefulTable>(
  db: Transaction<Database> | Kysely<Database>,
  m: Machine<S, A, C, T>,
  values: NewRow<T>[],
  state: S = m.initial[0]!,
): Promise<Selectable<Database[T]>[]> {
  if (!m.initial.includes(state)) throw new Error(`${m.table}: ${state} is not an initial state`);
  if (!values.length) return [];
  const rows = values.map((v) => ({ ...(v as Record<string, unknown>), [m.column]: state }));
  const out = await (db as unknown as Loose).insertInto(m.table).values(rows).returningAll().execute();
  return out as unknown as Selectable<Database[T]>[];
}

export async function createRecord<S extends string, A extends string, C, T extends StatefulTable>(
  db: Transaction<Database> | Kysely<Database>,
  m: Machine<S, A, C, T>,
  values: NewRow<T>,
  state: S = m.initial[0]!,
): Promise<Selectable<Database[T]>> {
  const [row] = await createRecords(db, m, [values], state);
  return row!;
}
