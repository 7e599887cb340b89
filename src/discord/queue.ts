/**
 * A bounded queue for engine work: at most `concurrency` jobs run at once and at most `waiting` wait. Interactions
 * are acknowledged before their job is queued, so a burst of questions never pushes an acknowledgement past
 * Discord's 3-second deadline; beyond the bound, users are told the bot is busy instead of waiting for ever.
 */
export class WorkQueue {
  private running = 0;
  private readonly pending: Array<() => void> = [];
  private acknowledging = 0;
  private readonly acknowledged: Array<() => void> = [];

  constructor(
    readonly concurrency = 2,
    readonly waiting = 500,
  ) {}

  /** Runs `job` when a slot is free; rejects with `QueueFullError` at once when too many are waiting. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.pending.length >= this.waiting) throw new QueueFullError();
      // A finishing job hands its slot straight over, so `running` never exceeds the bound.
      await new Promise<void>((resolve) => this.pending.push(resolve));
    } else this.running++;
    try {
      // Engine work holds the event loop for milliseconds at a time: let every acknowledgement in flight go first.
      while (this.acknowledging > 0) await new Promise<void>((resolve) => this.acknowledged.push(resolve));
      return await job();
    } finally {
      const next = this.pending.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Marks an acknowledgement (a deferral) in flight: queued jobs start only once none is. */
  async acknowledge<T>(ack: Promise<T>): Promise<T> {
    this.acknowledging++;
    try {
      return await ack;
    } finally {
      if (--this.acknowledging === 0) for (const resolve of this.acknowledged.splice(0)) resolve();
    }
  }

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.pending.length };
  }
}

export class QueueFullError extends Error {
  override name = 'QueueFullError';
}
