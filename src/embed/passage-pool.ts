/**
 * Passage embedding on several cores at once: worker threads (passage-worker.ts), each with a one-thread ONNX
 * session of the same weights, take whole batches in turn. One session with a thread per core splits each batch's
 * matrix products between its threads, and at a passage batch's size they spend much of their time waiting for one
 * another; separate batches on separate cores don't wait (measured with `npm run bench`, README's Performance).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerSetup } from './passage-worker.ts';

/** Workers for a machine: one per core, at most four (each holds its own copy of the model). */
export const PASSAGE_WORKERS = Math.min(os.availableParallelism(), 4);
/**
 * A pool left idle this long shuts down, giving back its memory: an ingest's batches keep it busy, and a long-running
 * bot that indexes now and then doesn't hold a copy of the model per core between times.
 */
const IDLE_MS = 30_000;

/** One worker, one batch at a time. */
class Lane {
  private pending: { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending;
      this.pending = null;
      this.worker.unref();
      if ('vectors' in reply) pending?.resolve(reply.vectors);
      else if ('error' in reply) pending?.reject(new Error(`a passage worker failed: ${reply.error}`));
    });
    const fail = (error: Error) => {
      this.failure = error;
      this.pending?.reject(error);
      this.pending = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a passage worker stopped (exit code ${code})`)));
  }

  /** Resolves once the worker has loaded its session; rejects if it can't. */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.worker.once('message', (reply: WorkerReply) =>
        'ready' in reply
          ? resolve()
          : reject(new Error(`a passage worker could not load the model: ${'error' in reply ? reply.error : ''}`)),
      );
      this.worker.once('error', reject);
      this.worker.once('exit', (code) =>
        reject(new Error(`a passage worker stopped while loading (exit code ${code})`)),
      );
    });
  }

  embed(rows: number[][]): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    // Referenced only while it works: an idle pool never keeps a finished process alive.
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(rows);
    });
  }
}

export class PassagePool {
  private idle: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly lanes: Lane[],
    private readonly onIdleClose: () => void,
  ) {
    this.armIdle();
  }

  /** Starts `size` workers and waits until each has loaded the model; rejects (with none left running) if one can't. */
  static async start(setup: WorkerSetup, size: number, onIdleClose: () => void): Promise<PassagePool> {
    const lanes = Array.from({ length: size }, () => new Lane(spawn(setup)));
    try {
      await Promise.all(lanes.map((l) => l.ready()));
    } catch (error) {
      await Promise.all(lanes.map((l) => l.worker.terminate()));
      throw error;
    }
    lanes.forEach((l) => l.worker.unref());
    return new PassagePool(lanes, onIdleClose);
  }

  get size(): number {
    return this.lanes.length;
  }

  /**
   * Embeds batches until `take` has none left, each worker taking the next one when it is free; `done` gets each
   * batch's vectors as it finishes. Returns the batches that were taken but not embedded because a worker failed
   * (with the error), so the caller can embed them another way: nothing is lost.
   */
  async run<B extends { rows: number[][] }>(
    take: () => B | undefined,
    done: (batch: B, vectors: Float32Array[]) => void,
  ): Promise<{ left: B[]; error: Error | null }> {
    if (this.idle) clearTimeout(this.idle);
    const left: B[] = [];
    let error: Error | null = null;
    await Promise.all(
      this.lanes.map(async (lane) => {
        for (let batch = take(); batch; batch = error ? undefined : take()) {
          try {
            done(batch, await lane.embed(batch.rows));
          } catch (e) {
            error = e as Error;
            left.push(batch);
          }
        }
      }),
    );
    if (error) await this.close();
    else this.armIdle();
    return { left, error };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    await Promise.all(this.lanes.map((l) => l.worker.terminate()));
  }

  private armIdle(): void {
    this.idle = setTimeout(() => void this.close().then(this.onIdleClose), IDLE_MS);
    this.idle.unref();
  }
}

/**
 * A worker on passage-worker: the compiled `.js` next to this file, or, when this file runs as TypeScript (tsx,
 * vitest), the `.ts` through tsx's loader, which a worker thread doesn't inherit.
 */
function spawn(setup: WorkerSetup): Worker {
  const here = fileURLToPath(import.meta.url);
  const entry = new URL(`./passage-worker${path.extname(here)}`, import.meta.url);
  if (path.extname(here) !== '.ts') return new Worker(entry, { workerData: setup });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: setup });
}
