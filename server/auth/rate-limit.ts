import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../time/clock.js';

/**
 * Fixed-window counters in the database, so every server instance sees the same counts.
 * One atomic upsert per hit: no read-then-write race.
 */
export interface Limit {
  limit: number;
  windowSeconds: number;
}

export interface LimitState {
  hits: number;
  retryAfterSeconds: number;
  exceeded: boolean;
}

export class RateLimiter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async hit(key: string, limit: Limit): Promise<LimitState> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - limit.windowSeconds * 1000);
    const row = await this.db
      .insertInto('rate_limit_hits')
      .values({ key, window_start: now, hits: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql`case when rate_limit_hits.window_start <= ${windowStart} then 1 else
            rate_limit_hits.hits + 1 end`,
          window_start: sql`case when rate_limit_hits.window_start <= ${windowStart} then ${now}
            else rate_limit_hits.window_start end`,
        }),
      )
      .returning(['hits', 'window_start'])
      .executeTakeFirstOrThrow();
    return this.state(row, limit, now);
  }

  async peek(key: string, limit: Limit): Promise<LimitState> {
    const now = this.clock.now();
    const row = await this.db
      .selectFrom('rate_limit_hits')
      .select(['hits', 'window_start'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || row.window_start.getTime() + limit.windowSeconds * 1000 <= now.getTime())
      return { hits: 0, retryAfterSeconds: 0, exceeded: false };
    return this.state(row, limit, now);
  }

  async reset(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limit_hits').where('key', '=', key).execute();
  }

  private state(row: { hits: number; window_start: Date }, limit: Limit, now: Date): LimitState {
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((row.window_start.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000),
    );
    return { hits: row.hits, retryAfterSeconds, exceeded: row.hits > limit.limit };
  }
}

/**
 * Login limits: per client IP (all attempts) and per account-and-IP pair (failed attempts). Failures count
 * per pair, not per account: someone who knows an address must not be able to lock its owner out by
 * failing five times from somewhere else (issue #13).
 */
export const LOGIN_LIMITS = {
  perIp: { limit: 30, windowSeconds: 15 * 60 },
  perAccountFailures: { limit: 5, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

export function loginPairKey(kind: 'user' | 'staff', email: string, ip: string | undefined): string {
  return `${kind}-login-account:${email.trim().toLowerCase()}:${ip ?? 'unknown'}`;
}
