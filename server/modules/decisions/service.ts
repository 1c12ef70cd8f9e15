import type { AppContext } from '../../context.js';
import { audit, type Actor } from '../audit/audit.js';
import type { CaseKind } from './rules.js';
import { addCaseNote } from './repository.js';

/** OPS-6: staff add an internal note to a case; the note and its audit row are written together. */
export async function noteCase(
  ctx: AppContext,
  n: {
    kind: CaseKind;
    caseId: number;
    author: { id: number; name: string };
    body: string;
    actor: Actor & { type: 'staff' };
    requestId?: string;
  },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const note = await addCaseNote(trx, {
      kind: n.kind,
      caseId: n.caseId,
      authorId: n.author.id,
      body: n.body,
      at: ctx.clock.now(),
    });
    await audit(trx, ctx.clock, {
      actor: n.actor,
      action: 'case-note.add',
      subjectType: n.kind.replace(/s$/, '').replace('-', '_'),
      subjectId: n.caseId,
      after: { noteId: note.id, body: note.body },
      requestId: n.requestId,
    });
    return { ...note, authorName: n.author.name };
  });
}
