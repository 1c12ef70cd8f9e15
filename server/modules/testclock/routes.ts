import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { audit } from '../audit/audit.js';
import { actorOf } from '../../auth/staff-auth.js';
import type { TestClock } from '../../time/clock.js';

const MAX_ADVANCE_SECONDS = 5 * 366 * 86_400;

/**
 * Moves the test clock to `target` and runs every piece of scheduler work on the way,
 * stopping at each job's due time, so a job sees "now" as the moment it fell due and
 * work that it schedules in turn also runs if it falls inside the window.
 */
export async function advanceClock(ctx: AppContext, clock: TestClock, seconds: number) {
  const target = new Date(clock.now().getTime() + seconds * 1000);
  let jobs = 0;
  let swept = 0;
  for (;;) {
    const next = await ctx.scheduler.nextDueAt(target);
    if (next && next > clock.now()) clock.advance((next.getTime() - clock.now().getTime()) / 1000);
    const ran = await ctx.scheduler.runDue();
    jobs += ran.jobs;
    swept += ran.swept;
    if (!next) break;
  }
  const rest = (target.getTime() - clock.now().getTime()) / 1000;
  if (rest > 0) clock.advance(rest);
  const ran = await ctx.scheduler.runDue();
  return { now: clock.now().toISOString(), jobsRun: jobs + ran.jobs, swept: swept + ran.swept };
}

/** Mounted only with PASAR_TEST_CLOCK=1 (OPS-4): otherwise these paths are 404. */
export function testClockRoutes(ctx: AppContext, clock: TestClock) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/test-clock',
      tag: 'Test clock',
      access: access.anyStaff,
      summary: "The test clock's now (only with PASAR_TEST_CLOCK=1)",
      response: z.object({ now: z.string() }),
      handler: () => ({ now: clock.now().toISOString() }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/test-clock/advance',
      tag: 'Test clock',
      access: access.staff('admin'),
      summary:
        'Move the test clock forward and run all scheduler work that fell due (only with PASAR_TEST_CLOCK=1)',
      body: z.object({ seconds: z.number().int().min(1).max(MAX_ADVANCE_SECONDS) }),
      response: z.object({ now: z.string(), jobsRun: z.number(), swept: z.number() }),
      handler: async ({ body, req }) => {
        const before = clock.now().toISOString();
        const result = await advanceClock(ctx, clock, body.seconds);
        await audit(ctx.db, ctx.clock, {
          actor: actorOf(req),
          action: 'test-clock.advance',
          subjectType: 'test-clock',
          before: { now: before },
          after: result,
          requestId: req.id as string,
        });
        return result;
      },
    }),
  ];
}
