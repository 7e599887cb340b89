import path from 'node:path';
import type { Settings } from '../config.ts';
import { Embedder } from '../embed/embedder.ts';
import { cachedVectors, modelFileSha256, type VectorSource } from './vector-cache.ts';
import type { SquadCorpus, SquadQ } from './squad-corpus.ts';
import { askedNames, nameWordsOf } from '../answer/rank.ts';

export interface SquadVectors {
  dim: number;
  modelSha256: string;
  passages: Float32Array;
  sentences: Float32Array;
  /** Row i is questions[i] of the list passed in. */
  questions: Float32Array;
  /** Row i is questions[i]'s focus: the question without the names it asks about (Embedder.embedQuestion). */
  focus: Float32Array;
}

/** Real-model vectors for the SQuAD corpus and the chosen questions, cached in CACHE_DIR/ranker by model file sha256. */
export async function squadVectors(
  settings: Settings,
  corpus: SquadCorpus,
  questions: SquadQ[],
  log: (m: string) => void = () => {},
): Promise<SquadVectors> {
  const embedder = await Embedder.load({
    modelId: settings.embedModel,
    modelsDir: settings.modelsDir,
    allowRemoteModels: settings.allowRemoteModels,
    cacheDir: settings.cacheDir,
  });
  const sha = modelFileSha256(settings.modelsDir, settings.embedModel);
  // The weights file and the settings that shape the vectors (int8 batching among them).
  const modelKey = `${embedder.signature}:${sha}`;
  const dir = path.join(settings.cacheDir, 'ranker');
  const progress = (name: string) => {
    let last = 0;
    return (done: number, total: number) => {
      if (done - last >= 1000 || done === total) {
        last = done;
        log(`embedding ${name}: ${done}/${total}`);
      }
    };
  };
  try {
    const passages = await cachedVectors(
      dir,
      'passages',
      modelKey,
      corpus.passages.map((p) => p.text),
      embedder,
      progress('passages'),
    );
    const sentences = await cachedVectors(
      dir,
      'sentences',
      modelKey,
      corpus.sentences.map((s) => s.text),
      embedder,
      progress('sentences'),
    );
    // Questions one at a time, as `ask` embeds them: int8 vectors depend slightly on their batch mates.
    const oneByOne = (embed: (text: string) => Promise<Float32Array>): VectorSource => ({
      dim: embedder.dim,
      embedPassages: async (texts, onBatch) => {
        const out: Float32Array[] = [];
        for (const t of texts) {
          out.push(await embed(t));
          if (out.length % 500 === 0 || out.length === texts.length) onBatch?.(out.length);
        }
        return out;
      },
    });
    const qs = await cachedVectors(
      dir,
      'queries', // embedded one by one (until Nov 2026 'questions' were batched)
      modelKey,
      questions.map((q) => q.question),
      oneByOne((t) => embedder.embedQuery(t)),
      progress('questions'),
    );
    // The names as `ask` reads them (the question's, and words the corpus writes only as names) are part of the key:
    // a change in what counts as a name re-embeds.
    const nameWords = nameWordsOf(corpus.passages.map((p) => p.text));
    const NAMES = '\u0002';
    const focus = await cachedVectors(
      dir,
      'query-focus-words', // 'query-focus' matched whole names, which could miss names the question writes otherwise
      modelKey,
      questions.map((q) => [q.question, ...askedNames(q.question, { nameWords })].join(NAMES)),
      oneByOne(async (key) => {
        const [question, ...names] = key.split(NAMES);
        return (await embedder.embedQuestion(question!, names)).focus;
      }),
      progress('question focus'),
    );
    return { dim: embedder.dim, modelSha256: sha, passages, sentences, questions: qs, focus };
  } finally {
    await embedder.dispose();
  }
}
