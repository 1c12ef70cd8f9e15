import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { audit } from '../audit/audit.js';
import { actorOf } from '../../auth/staff-auth.js';
import type { TestClock } from '../../time/clock.js';
import { problems } from '../../http/problem.js';
import { demoPasswordHash, resetForTests } from './service.js';

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
  const staffPasswordHash = demoPasswordHash(ctx.config.demoPassword);
  return [
    defineRoute({
      method: 'post',
      path: '/api/test/reset',
      tag: 'Test clock',
      // Open, not a staff route: on an empty database there is nobody to log in yet. What keeps it out
      // of production is that it exists only with PASAR_TEST_CLOCK=1, which the configuration refuses
      // next to NODE_ENV=production; the check below is a second lock on the same door.
      access: access.public,
      summary:
        'End-to-end tests only (PASAR_TEST_CLOCK=1): empty every table, recreate the demo staff accounts' +
        ' with the demo password, move the test clock back; staff sessions survive',
      response: z.object({
        now: z.string(),
        staff: z.array(z.object({ email: z.string(), role: z.string() })),
      }),
      handler: async () => {
        if (ctx.config.env === 'production') throw problems.notFound('route');
        return resetForTests(ctx, clock, await staffPasswordHash());
      },
    }),
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
