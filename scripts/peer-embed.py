"""The peer row of `npm run bench`: Python ONNX Runtime embedding the same passages with the same model file.

This is what a user of sentence-transformers' ONNX backend or fastembed gets: the Hugging Face `tokenizers` library
(Rust), an onnxruntime InferenceSession with its default options, mean pooling and L2 normalisation in numpy, texts
sorted by length before batching (as sentence-transformers does). Every batch size is measured and the fastest one
is the peer's number, so the comparison is against the peer at its best.

    python peer-embed.py < {"model": ONNX, "tokenizer": tokenizer.json, "max_tokens": 256, "texts": [...],
                            "batch_sizes": [1, 8, 32], "check": 3}
    -> {"runtime": ..., "passages": N, "by_batch": {"1": passages/s, ...}, "best_batch": b,
        "passages_per_s": best, "vectors": [first `check` vectors]}
"""

import json
import sys
import time

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


def main() -> None:
    job = json.load(sys.stdin)
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
    by_batch = {}
    vectors = None
    for batch_size in job.get("batch_sizes", [1, 8, 32]):
        started = time.perf_counter()
        result = embed_all(batch_size)
        by_batch[str(batch_size)] = len(texts) / (time.perf_counter() - started)
        if vectors is None:
            vectors = result
    best = max(by_batch, key=by_batch.get)
    print(
        json.dumps(
            {
                "runtime": f"python {sys.version.split()[0]}, onnxruntime {ort.__version__}, default session options",
                "passages": len(texts),
                "by_batch": {k: round(v, 1) for k, v in by_batch.items()},
                "best_batch": int(best),
                "passages_per_s": round(by_batch[best], 1),
                "vectors": vectors[: job.get("check", 0)].tolist(),
            }
        )
    )


if __name__ == "__main__":
    main()
