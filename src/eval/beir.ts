import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseCommandLine, UsageError } from '../entry/args.ts';
import { loadSettings } from '../config.ts';
import { Embedder } from '../embed/embedder.ts';
import { VectorTable, type IndexParams } from '../store/local.ts';
import { LexicalIndex } from '../retrieve/lexical.ts';
import { hybridSearch, type SearchMode } from '../retrieve/hybrid.ts';
import { exitWithError } from '../entry/run.ts';
import { embeddingProgress } from '../entry/progress.ts';
import { readJsonl } from '../datasets/jsonl.ts';
import { mean, ndcgAtK, recallAtK, reciprocalRankAtK, type Judgements } from './metrics.ts';
import { DEFAULT_ALPHA } from '../retrieve/hybrid.ts';

export interface BeirData {
  docIds: string[];
  docTexts: string[];
  queries: Map<string, string>;
  qrels: Map<string, Judgements>;
}

/** A BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv. Documents are `title + " " + text`. */
export function loadBeir(dir: string, split: string): BeirData {
  const corpus = readJsonl<{ _id: string; title?: string; text: string }>(path.join(dir, 'corpus.jsonl'));
  const queries = new Map(readJsonl<{ _id: string; text: string }>(path.join(dir, 'queries.jsonl')).map((q) => [q._id, q.text]));
  const qrels = new Map<string, Judgements>();
  const lines = fs.readFileSync(path.join(dir, 'qrels', `${split}.tsv`), 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [qid, docId, score] = line.split('\t');
    if (!qid || !docId || !queries.has(qid)) continue;
    if (!qrels.has(qid)) qrels.set(qid, new Map());
    qrels.get(qid)!.set(docId, Number(score));
  }
  return { docIds: corpus.map((d) => d._id), docTexts: corpus.map((d) => `${d.title ?? ''} ${d.text}`.trim()), queries, qrels };
}

/** Corpus embeddings are cached on disk, keyed by model, its settings, its weights file and the corpus file. */
async function embedCorpus(embedder: Embedder, data: BeirData, dir: string, cacheDir: string): Promise<Float32Array[]> {
  const key = crypto
    .createHash('sha256')
    .update(embedder.signature)
    .update(fs.readFileSync(path.join(dir, 'corpus.jsonl')))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(cacheDir, 'beir', `${path.basename(dir)}-${key}.f32`);
  const dim = embedder.dim;
  if (fs.existsSync(file)) {
    const bytes = fs.readFileSync(file);
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (all.length === data.docTexts.length * dim) return data.docTexts.map((_, i) => all.subarray(i * dim, (i + 1) * dim));
  }
  const progress = embeddingProgress(`Embedding ${path.basename(dir)}`);
  progress?.start(data.docTexts.length);
  const vectors = await embedder.embedPassages(data.docTexts, (done) => progress?.update(done));
  progress?.stop();
  const all = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => all.set(v, i * dim));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, new Uint8Array(all.buffer));
  fs.renameSync(`${file}.tmp`, file);
  return vectors;
}

export interface ModeScores {
  'ndcg@10': number;
  'recall@100': number;
  'mrr@10': number;
}

/** Ranks every judged query with the product's own search code and scores it. */
export async function scoreModes(
  embedder: Embedder,
  data: BeirData,
  vectors: Float32Array[],
  modes: Array<{ name: string; mode: SearchMode; alpha?: number }>,
): Promise<Record<string, ModeScores>> {
  // ef must be at least k for 100 results; 200 keeps HNSW recall near exact on 5k documents.
  const params: IndexParams = { M: 16, efConstruction: 200, efSearch: 200 };
  const table = VectorTable.build(data.docIds, vectors, embedder.dim, params);
  const lexical = new LexicalIndex(data.docIds.map((id, i) => ({ id, text: data.docTexts[i]! })));
  const queryIds = [...data.qrels.keys()];
  const queryVectors = new Map<string, Float32Array>();
  for (const qid of queryIds) queryVectors.set(qid, await embedder.embedQuery(data.queries.get(qid)!));
  const results: Record<string, ModeScores> = {};
  for (const { name, mode, alpha } of modes) {
    const ndcg: number[] = [];
    const recall: number[] = [];
    const mrr: number[] = [];
    for (const qid of queryIds) {
      const hits = await hybridSearch(table, lexical, queryVectors.get(qid)!, data.queries.get(qid)!, { mode, candidates: 100, alpha: alpha ?? DEFAULT_ALPHA });
      const ranked = hits.slice(0, 100).map((h) => h.id);
      const judged = data.qrels.get(qid)!;
      ndcg.push(ndcgAtK(ranked, judged, 10));
      recall.push(recallAtK(ranked, judged, 100));
      mrr.push(reciprocalRankAtK(ranked, (id) => (judged.get(id) ?? 0) > 0, 10));
    }
    results[name] = { 'ndcg@10': round(mean(ndcg)), 'recall@100': round(mean(recall)), 'mrr@10': round(mean(mrr)) };
  }
  return results;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

async function main(): Promise<void> {
  const usage = 'Usage: npm run --silent eval:beir -- --dataset DIR [--json] [--split test|train] [--tune]';
  const { values } = parseCommandLine(
    { options: { dataset: { type: 'string' }, json: { type: 'boolean', default: false }, split: { type: 'string', default: 'test' }, tune: { type: 'boolean', default: false } } },
    usage,
  );
  if (!values.dataset) throw new UsageError(usage);
  const started = performance.now();
  const settings = loadSettings();
  const embedder = await Embedder.load({ ...settings, modelId: settings.embedModel });
  const data = loadBeir(values.dataset, values.split!);
  const vectors = await embedCorpus(embedder, data, values.dataset, settings.cacheDir);
  const modes: Array<{ name: string; mode: SearchMode; alpha?: number }> = values.tune
    ? [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((alpha) => ({ name: `hybrid@${alpha}`, mode: 'hybrid' as const, alpha }))
    : [
        { name: 'dense', mode: 'dense' },
        { name: 'bm25', mode: 'bm25' },
        { name: 'hybrid', mode: 'hybrid' },
      ];
  const results = await scoreModes(embedder, data, vectors, modes);
  await embedder.dispose();
  const report = { dataset: path.basename(path.resolve(values.dataset)), model: embedder.modelId, queries: data.qrels.size, results, ms: Math.round(performance.now() - started) };
  if (!values.json) {
    console.log(`${report.dataset} (${values.split}, ${report.queries} queries), ${report.model}`);
    console.log('mode            nDCG@10  Recall@100  MRR@10');
    for (const [name, s] of Object.entries(results)) console.log(`${name.padEnd(15)} ${s['ndcg@10'].toFixed(4)}   ${s['recall@100'].toFixed(4)}     ${s['mrr@10'].toFixed(4)}`);
  }
  console.log(JSON.stringify(report));
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch(exitWithError);
