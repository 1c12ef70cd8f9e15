import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';
import { CASE_KINDS, type CaseKind } from './rules.js';

/** Whether the case exists. */
export async function caseExists(db: Executor, kind: CaseKind, id: number): Promise<boolean> {
  return Boolean(
    await db.selectFrom(CASE_KINDS[kind].table).select('id').where('id', '=', id).executeTakeFirst(),
  );
}

/** The users who read a decision on the case: its requester, or both parties of an order. */
export async function readersOf(
  db: Executor,
  kind: CaseKind | 'users' | 'service-reviews',
  id: number,
): Promise<number[] | null> {
  const parties = async (orderId: number) => {
    const o = await db
      .selectFrom('orders')
      .select(['buyer_id', 'seller_id'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    return [o.buyer_id, o.seller_id];
  };
  const one = async <T>(q: Promise<T | undefined>) => (await q) ?? null;
  switch (kind) {
    case 'users':
      return (await one(db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()))
        ? [id]
        : null;
    case 'refund-requests': {
      const r = await one(
        db.selectFrom('refund_requests').select('buyer_id').where('id', '=', id).executeTakeFirst(),
      );
      return r && [r.buyer_id];
    }
    case 'escalations':
    case 'disputes': {
      const r = await one(
        db.selectFrom(CASE_KINDS[kind].table).select('order_id').where('id', '=', id).executeTakeFirst(),
      );
      return r && parties(r.order_id);
    }
    case 'reports': {
      const r = await one(
        db.selectFrom('reports').select('subject_user_id').where('id', '=', id).executeTakeFirst(),
      );
      return r && [r.subject_user_id];
    }
    case 'service-reviews': {
      const r = await one(
        db.selectFrom('service_reviews').select('seller_id').where('id', '=', id).executeTakeFirst(),
      );
      return r && [r.seller_id];
    }
    default: {
      const r = await one(
        db.selectFrom(CASE_KINDS[kind].table).select('user_id').where('id', '=', id).executeTakeFirst(),
      );
      return r && [r.user_id];
    }
  }
}

/** The users' languages. */
export async function localesOf(db: Executor, ids: number[]) {
  return db.selectFrom('users').select(['id', 'locale']).where('id', 'in', ids).execute();
}

/** A case's internal notes with their authors' names, oldest first. */
export async function caseNotes(db: Executor, kind: CaseKind, caseId: number) {
  return db
    .selectFrom('case_notes')
    .innerJoin('staff', 'staff.id', 'case_notes.author_id')
    .select([
      'case_notes.id',
      'case_notes.body',
      ...camel('case_notes.author_id'),
      'staff.name as authorName',
      ...camel('case_notes.created_at'),
    ])
    .where('case_notes.case_kind', '=', kind)
    .where('case_notes.case_id', '=', caseId)
    .orderBy('case_notes.id')
    .execute();
}

/** Writes an internal note on a case. */
export async function addCaseNote(
  trx: Transaction<Database>,
  n: { kind: CaseKind; caseId: number; authorId: number; body: string; at: Date },
) {
  return trx
    .insertInto('case_notes')
    .values({ case_kind: n.kind, case_id: n.caseId, author_id: n.authorId, body: n.body, created_at: n.at })
    .returning(['id', 'body', ...camel('author_id', 'created_at')])
    .executeTakeFirstOrThrow();
}
