/** All code asks the clock for "now" (OPS-4): never `new Date()` in domain code. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that tests and demos move forward (PASAR_TEST_CLOCK=1). It runs with real
 * time from the moment it was created, plus every advance, so a demo still ticks.
 */
export class TestClock implements Clock {
  private offsetMs = 0;
  private readonly frozenAt: number | null;

  constructor(options: { frozenAt?: Date } = {}) {
    this.frozenAt = options.frozenAt ? options.frozenAt.getTime() : null;
  }

  now(): Date {
    return new Date((this.frozenAt ?? Date.now()) + this.offsetMs);
  }

  advance(seconds: number): Date {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('the test clock only moves forward');
    this.offsetMs += seconds * 1000;
    return this.now();
  }

  /** Back to where it started (real time, or the frozen moment): only the test reset does this. */
  reset(): Date {
    this.offsetMs = 0;
    return this.now();
  }
}
