"""The peer row of `npm run bench`: Python ONNX Runtime embedding the same passages with the same model file.

This is what a user of sentence-transformers' ONNX backend or fastembed gets: the Hugging Face `tokenizers` library
(Rust), an onnxruntime InferenceSession with its default options, mean pooling and L2 normalisation in numpy, texts
sorted by length before batching (as sentence-transformers does).

It stays up for the whole measurement so the bench can interleave rounds of Dossier and of the peer (a noisy
neighbour then slows both alike). One JSON object per line:

    stdin  {"model": ONNX, "tokenizer": tokenizer.json, "max_tokens": 256, "texts": [...], "check": 3}
    stdout {"runtime": ..., "passages": N, "vectors": [the first `check` texts, one per call]}
    stdin  {"batch_size": 8}            (repeated; each embeds all the texts once at that batch size)
    stdout {"batch_size": 8, "passages_per_s": rate}
"""

import json
import sys
import time

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


def reply(message: dict) -> None:
    print(json.dumps(message), flush=True)


def main() -> None:
    job = json.loads(sys.stdin.readline())
    texts: list[str] = job["texts"]
    tokenizer = Tokenizer.from_file(job["tokenizer"])
    tokenizer.enable_truncation(max_length=job["max_tokens"])
    tokenizer.enable_padding()
    session = ort.InferenceSession(job["model"], providers=["CPUExecutionProvider"])
    input_names = {i.name for i in session.get_inputs()}

    def embed(batch: list[str]) -> np.ndarray:
        encodings = tokenizer.encode_batch(batch)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in input_names:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(None, feed)[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def embed_all(batch_size: int) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), session.get_outputs()[0].shape[-1] or 384), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            out[idx] = embed([texts[i] for i in idx])
        return out

    embed(texts[:8])  # warm-up
    reply(
        {
            "runtime": f"python {sys.version.split()[0]}, onnxruntime {ort.__version__}, default session options",
            "passages": len(texts),
            "vectors": [embed([t])[0].tolist() for t in texts[: job.get("check", 0)]],
        }
    )
    for line in sys.stdin:
        batch_size = json.loads(line)["batch_size"]
        started = time.perf_counter()
        embed_all(batch_size)
        reply({"batch_size": batch_size, "passages_per_s": round(len(texts) / (time.perf_counter() - started), 1)})


if __name__ == "__main__":
    main()
