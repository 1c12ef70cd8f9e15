import type { Executor } from '../../../db/schema.js';
import type { CaseKind } from './rules.js';

/** One internal note as an entry of a case's timeline: staff only, marked internal, with author and time. */
export interface NoteEntry {
  at: Date;
  type: 'note';
  internal: true;
  noteId: number;
  authorId: number;
  authorName: string;
  body: string;
}

/** OPS-6: a case's internal notes as timeline entries, oldest first. Never called for a public answer. */
export async function caseNoteEntries(db: Executor, kind: CaseKind, caseId: number): Promise<NoteEntry[]> {
  const rows = await db
    .selectFrom('case_notes')
    .innerJoin('staff', 'staff.id', 'case_notes.author_id')
    .select([
      'case_notes.id',
      'case_notes.body',
      'case_notes.author_id',
      'staff.name',
      'case_notes.created_at',
    ])
    .where('case_notes.case_kind', '=', kind)
    .where('case_notes.case_id', '=', caseId)
    .orderBy('case_notes.id')
    .execute();
  return rows.map((n) => ({
    at: n.created_at,
    type: 'note',
    internal: true,
    noteId: n.id,
    authorId: n.author_id,
    authorName: n.name,
    body: n.body,
  }));
}

const time = (at: Date | string) => new Date(at).getTime();

/** A timeline with the notes put in time order among its entries (a note after an entry of the same time). */
export function withNotes<T extends { at: Date | string }>(
  timeline: T[],
  notes: NoteEntry[],
): (T | NoteEntry)[] {
  const out: (T | NoteEntry)[] = [...timeline];
  for (const n of notes) {
    let i = out.length;
    while (i > 0 && time(out[i - 1]!.at) > time(n.at)) i--;
    out.splice(i, 0, n);
  }
  return out;
}

/** The staff case page's timeline with its notes: `order.timeline` of a case on an order. */
export async function orderCaseWithNotes<O extends { timeline: { at: Date | string }[] }>(
  db: Executor,
  kind: CaseKind,
  caseId: number,
  order: O | null,
) {
  if (!order) return order;
  return { ...order, timeline: withNotes(order.timeline, await caseNoteEntries(db, kind, caseId)) };
}

/**
 * Which audit rows belong to a case: its own subject, or the user's rows of one action family since a
 * time.
 */
export interface AuditMatch {
  subjectType: string;
  subjectId: number;
  actionPrefix?: string;
  since?: Date;
}

/**
 * OPS-6: the history of a case that has no order timeline (report, identity check, seller application): what
 * was done to it (its audit rows: who, what, why) and its internal notes, in time order. Staff only.
 */
export async function caseTimeline(db: Executor, kind: CaseKind, caseId: number, matches: AuditMatch[]) {
  const audits = await db
    .selectFrom('audit_log')
    .leftJoin('staff', (j) =>
      j.onRef('staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'),
    )
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.actor_type',
      'audit_log.reason',
      'staff.name',
    ])
    .where((eb) =>
      eb.or(
        matches.map((m) =>
          eb.and([
            eb('audit_log.subject_type', '=', m.subjectType),
            eb('audit_log.subject_id', '=', String(m.subjectId)),
            ...(m.actionPrefix ? [eb('audit_log.action', 'like', `${m.actionPrefix}%`)] : []),
            ...(m.since ? [eb('audit_log.at', '>=', m.since)] : []),
          ]),
        ),
      ),
    )
    .where('audit_log.action', '<>', 'case-note.add')
    .orderBy('audit_log.at')
    .orderBy('audit_log.id')
    .execute();
  return withNotes(
    audits.map((a) => ({
      at: a.at,
      type: 'audit' as const,
      action: a.action,
      actor: a.actor_type,
      actorName: a.name,
      reason: a.reason,
    })),
    await caseNoteEntries(db, kind, caseId),
  );
}
