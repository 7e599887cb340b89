/**
 * The model call itself, without the pipeline's general-purpose wrapping: word-piece rows padded into one batch,
 * one ONNX Runtime run, pooling and normalisation in plain loops. Produces the vectors transformers.js's tokenizer
 * call + `mean_pooling` + `normalize` did (cosine gap < 1e-6, tested), from word pieces tokenised once.
 */
import { Tensor } from '@huggingface/transformers';

/** Texts as the model reads them: row-major word-piece ids and attention mask, padded to the longest row. */
export interface PaddedBatch {
  rows: number;
  seq: number;
  ids: BigInt64Array;
  mask: BigInt64Array;
}

/** What Dossier needs of an ONNX Runtime session (transformers.js's `model.sessions.model`). */
export interface EncoderSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
}

/** Pads rows of word-piece ids to the longest, as the tokenizer's `padding: true` does. Pure. */
export function padRows(rows: number[][], padId: number, side: 'left' | 'right' = 'right'): PaddedBatch {
  const seq = Math.max(...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * seq).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * seq);
  rows.forEach((row, r) => {
    const start = r * seq + (side === 'left' ? seq - row.length : 0);
    row.forEach((id, j) => {
      ids[start + j] = BigInt(id);
      mask[start + j] = 1n;
    });
  });
  return { rows: rows.length, seq, ids, mask };
}

/**
 * One vector per row: the mean of the unmasked tokens' hidden states ('mean') or the first token's ('cls'), then
 * L2-normalised. Sums run token by token in float64, in the order transformers.js's `mean_pooling` adds them. Pure.
 */
export function poolRows(
  hidden: Float32Array,
  batch: PaddedBatch,
  dim: number,
  pooling: 'mean' | 'cls',
): Float32Array[] {
  return Array.from({ length: batch.rows }, (_, r) =>
    normalise(pooling === 'mean' ? meanOfRow(hidden, batch, dim, r) : firstToken(hidden, batch.seq, dim, r)),
  );
}

function meanOfRow(
  hidden: Float32Array,
  batch: PaddedBatch,
  dim: number,
  r: number,
  skip: ReadonlySet<number> = new Set(),
): Float32Array {
  const sum = new Float64Array(dim);
  let count = 0;
  for (let j = 0; j < batch.seq; j++) {
    if (batch.mask[r * batch.seq + j] === 0n || skip.has(j)) continue;
    count++;
    const base = (r * batch.seq + j) * dim;
    for (let k = 0; k < dim; k++) sum[k]! += hidden[base + k]!;
  }
  return Float32Array.from(sum, (s) => s / count);
}

/**
 * The positions in a row of word pieces where a word occurs whole (a name's word as the tokenizer cuts it: "Massoud"
 * -> "mass", "##oud"): not inside a longer word, whose next piece would continue it ("Ali" in "Alibaba"). Pure.
 */
export function wordPositions(
  row: readonly number[],
  words: ReadonlyArray<readonly number[]>,
  continuesWord: (id: number) => boolean,
): Set<number> {
  const found = new Set<number>();
  for (const word of words) {
    if (!word.length) continue;
    for (let i = 0; i + word.length <= row.length; i++) {
      const next = row[i + word.length];
      if (word.every((id, k) => row[i + k] === id) && (next === undefined || !continuesWord(next)))
        for (let k = 0; k < word.length; k++) found.add(i + k);
    }
  }
  return found;
}

/**
 * One question, two vectors from one model call: the whole question (pooled as `poolRows` pools), and its "focus", the
 * mean of its tokens' states without the `skip` positions (the names it asks about), which says what the question asks
 * of them. The caller leaves `skip` empty when the focus would be the whole question anyway, or nothing but special
 * tokens (a question that is only a name); then the focus is the vector itself. For mean-pooling models.
 */
export async function embedFocused(
  session: EncoderSession,
  row: number[],
  skip: ReadonlySet<number>,
  format: RowFormat,
): Promise<{ vector: Float32Array; focus: Float32Array }> {
  const batch = padRows([row], format.padId, format.paddingSide);
  const { hidden, dim } = await runEncoder(session, batch);
  const vector = poolRows(hidden, batch, dim, format.pooling)[0]!;
  return { vector, focus: skip.size ? normalise(meanOfRow(hidden, batch, dim, 0, skip)) : vector };
}

const firstToken = (hidden: Float32Array, seq: number, dim: number, r: number) =>
  hidden.slice(r * seq * dim, r * seq * dim + dim);

/** Divides by the L2 norm, in place. */
function normalise(v: Float32Array): Float32Array {
  let squares = 0;
  for (let k = 0; k < v.length; k++) squares += v[k]! * v[k]!;
  const norm = Math.sqrt(squares);
  for (let k = 0; k < v.length; k++) v[k]! /= norm;
  return v;
}

/**
 * Runs the encoder once on a padded batch, feeding only the inputs the graph declares (token types are all zero:
 * one text per row). Returns the last hidden state, [rows, seq, dim] row-major.
 */
export async function runEncoder(
  session: EncoderSession,
  batch: PaddedBatch,
): Promise<{ hidden: Float32Array; dim: number }> {
  const dims = [batch.rows, batch.seq];
  const available: Record<string, () => BigInt64Array> = {
    input_ids: () => batch.ids,
    attention_mask: () => batch.mask,
    token_type_ids: () => new BigInt64Array(batch.ids.length),
  };
  const feeds = Object.fromEntries(
    session.inputNames.map((name) => {
      const make = available[name];
      if (!make) throw new Error(`the embedding model asks for an input Dossier does not make: ${name}`);
      return [name, new Tensor('int64', make(), dims).ort_tensor];
    }),
  );
  const outputs = await session.run(feeds);
  const name = ['last_hidden_state', 'token_embeddings'].find((n) => session.outputNames.includes(n));
  if (!name) throw new Error(`the embedding model has no last_hidden_state output (${session.outputNames.join(', ')})`);
  const { data, dims: outDims } = outputs[name]!;
  return { hidden: data as Float32Array, dim: outDims.at(-1)! };
}

/** How a model's rows are padded and pooled: what it takes to turn word pieces into its vectors. */
export interface RowFormat {
  padId: number;
  paddingSide: 'left' | 'right';
  pooling: 'mean' | 'cls';
}

/** One model call on rows of word pieces: pad, run, pool, normalise. */
export async function embedRows(session: EncoderSession, rows: number[][], format: RowFormat): Promise<Float32Array[]> {
  const batch = padRows(rows, format.padId, format.paddingSide);
  const { hidden, dim } = await runEncoder(session, batch);
  return poolRows(hidden, batch, dim, format.pooling);
}
