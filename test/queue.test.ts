import { describe, expect, it } from 'vitest';
import { QueueFullError, WorkQueue } from '../src/discord/queue.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the work queue for engine jobs', () => {
  it('GIVEN more jobs than slots THEN runs at most `concurrency` at once, in arrival order', async () => {
    const queue = new WorkQueue(2, 10);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      order.push(n);
      running--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.run(job(n))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5]);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });

  it('GIVEN a full waiting line THEN refuses at once instead of waiting for ever', async () => {
    const queue = new WorkQueue(1, 1);
    const slow = queue.run(tick);
    const waiting = queue.run(tick);
    await expect(queue.run(tick)).rejects.toBeInstanceOf(QueueFullError);
    await Promise.all([slow, waiting]);
  });

  it('GIVEN a failing job THEN frees its slot for the next one', async () => {
    const queue = new WorkQueue(1, 5);
    const failing = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});

describe('acknowledgements before engine work', () => {
  it('GIVEN an acknowledgement in flight THEN a queued job starts only after it', async () => {
    const queue = new WorkQueue(2, 10);
    const events: string[] = [];
    let ack!: () => void;
    const acked = queue.acknowledge(new Promise<void>((resolve) => (ack = () => (events.push('ack'), resolve()))));
    const job = queue.run(async () => events.push('job'));
    await tick();
    expect(events).toEqual([]);
    ack();
    await Promise.all([acked, job]);
    expect(events).toEqual(['ack', 'job']);
  });
});
