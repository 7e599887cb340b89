/**
 * One passage-embedding worker thread (see passage-pool.ts): its own one-thread ONNX session of the model, fed rows of
 * word pieces that the main thread tokenised; replies with the pooled, normalised vectors (their buffers moved, not
 * copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadExtractor, sessionOf, type ModelSource } from './load-model.ts';
import { embedRows, type RowFormat } from './encoder.ts';

export interface WorkerSetup {
  source: ModelSource;
  format: RowFormat;
}

/** Main thread -> worker: one batch. Worker -> main: `ready` once loaded, then one reply per batch, in order. */
export type WorkerReply = { ready: true } | { vectors: Float32Array[] } | { error: string };

const port = parentPort!;
const setup = workerData as WorkerSetup;
const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const session = sessionOf(await loadExtractor(setup.source, 1));
  port.on('message', async (rows: number[][]) => {
    try {
      const vectors = await embedRows(session, rows, setup.format);
      reply({ vectors }, [...new Set(vectors.map((v) => v.buffer as ArrayBuffer))]);
    } catch (error) {
      reply({ error: (error as Error)?.message ?? String(error) });
    }
  });
  reply({ ready: true });
} catch (error) {
  reply({ error: (error as Error)?.message ?? String(error) });
}
