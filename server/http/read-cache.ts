import type { Clock } from '../time/clock.js';

const MAX_ANSWERS = 5_000;

/**
 * Issue #14: public answers (the service search) kept for `ttlMs` (PASAR_READ_CACHE_MS). Every change that
 * this process commits drops them all (`changed`, called when a state-changing request ends, see
 * server/app.ts), so a client never reads here an answer older than its own last change; a change made by
 * another process is seen after at most `ttlMs`. Concurrent misses of one key share one computation, and an
 * answer computed while a change was under way is not kept.
 */
export class ReadCache {
  private readonly answers = new Map<string, { at: number; value: Promise<unknown> }>();
  private generation = 0;

  constructor(
    readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = this.clock.now().getTime();
    const kept = this.answers.get(key);
    if (kept && now - kept.at < this.ttlMs && kept.at <= now) return kept.value as Promise<T>;
    const generation = this.generation;
    const value = compute();
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    const entry = { at: now, value };
    this.answers.set(key, entry);
    const drop = () => {
      if (this.answers.get(key) === entry) this.answers.delete(key);
    };
    value.then(() => {
      if (generation !== this.generation) drop();
    }, drop);
    return value;
  }

  /** A change has committed (or failed) in this process: every kept answer may be stale. */
  changed(): void {
    this.generation++;
    this.answers.clear();
  }
}
