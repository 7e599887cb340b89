/** Per-user rate limit for the expensive commands. */
export class Cooldowns {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the user still has to wait (0: go ahead, and the clock restarts now). */
  take(userId: string): number {
    const now = this.now();
    const wait = (this.last.get(userId) ?? -Infinity) + this.seconds * 1000 - now;
    if (wait > 0) return wait;
    this.last.set(userId, now);
    if (this.last.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [user, at] of this.last) if (at + this.seconds * 1000 < now) this.last.delete(user);
  }
}
