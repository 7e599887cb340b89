/**
 * The bench's peer: Python ONNX Runtime on the same ONNX file and texts (scripts/peer-embed.py, in the venv that
 * `npm run models:offline` sets up), kept running so its rounds can alternate with Dossier's.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Embedder } from '../embed/embedder.ts';
import { dot } from '../text/vectors.ts';
import { round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PYTHON = path.join(ROOT, '.cache/pyenv/bin/python');
/** Texts checked one per call against ours: dynamic int8 quantises activations per call, so batches differ a little. */
const CHECKED = 5;

/** Why the peer can't run here, or null when it can. */
export function peerSkipped(embedder: Embedder): string | null {
  if (!embedder.weights) return 'the model file was not found on disk';
  if (!fs.existsSync(PYTHON)) return 'no Python venv: run `npm run models:offline` (it sets up .cache/pyenv)';
  return null;
}

export class Peer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: AsyncIterator<string>,
    readonly runtime: string,
    /** The largest cosine gap between the peer's vectors and ours, one text per call. */
    readonly maxCosineGap: number,
  ) {}

  /** Starts the peer on `texts` and checks it makes our vectors: otherwise the comparison would be meaningless. */
  static async start(embedder: Embedder, texts: string[]): Promise<Peer> {
    const { file } = embedder.weights!;
    const { profile } = embedder;
    const child = spawn(PYTHON, [path.join(ROOT, 'scripts/peer-embed.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const setup = {
      model: file,
      tokenizer: path.join(path.dirname(path.dirname(file)), 'tokenizer.json'),
      max_tokens: profile.maxTokens,
      texts: texts.map((t) => profile.passagePrefix + t),
      check: CHECKED,
    };
    child.stdin!.write(JSON.stringify(setup) + '\n');
    const ready = await nextMessage<{ runtime: string; vectors: number[][] }>(lines);
    const ours = await embedder.embedOneByOne(texts.slice(0, CHECKED));
    const gap = Math.max(...ready.vectors.map((v, i) => 1 - dot(Float32Array.from(v), ours[i]!)));
    const peer = new Peer(child, lines, ready.runtime, round(gap, 6));
    if (gap > 1e-3) {
      peer.close();
      throw new Error(`the peer's vectors differ from ours (cosine gap ${gap}): not the same model`);
    }
    return peer;
  }

  /** Embeds all the texts once at `batchSize`; passages per second. */
  async rate(batchSize: number): Promise<number> {
    this.child.stdin!.write(JSON.stringify({ batch_size: batchSize }) + '\n');
    return (await nextMessage<{ passages_per_s: number }>(this.lines)).passages_per_s;
  }

  close(): void {
    this.child.stdin!.end();
  }
}

async function nextMessage<T>(lines: AsyncIterator<string>): Promise<T> {
  const { value, done } = await lines.next();
  if (done) throw new Error('the peer (scripts/peer-embed.py) stopped');
  return JSON.parse(value) as T;
}
