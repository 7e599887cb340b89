#!/usr/bin/env bash
# A throwaway Python venv (.cache/pyenv) with the pinned packages of scripts/python-requirements.txt, for
# `npm run models:offline` (scripts/quantize.py) and the peer row of `npm run bench` (scripts/peer-embed.py).
# Reused while the requirements file is unchanged; delete .cache/pyenv to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${CACHE_DIR:-.cache}/pyenv"
REQUIREMENTS=scripts/python-requirements.txt
stamp="$VENV/.requirements.sha256"
want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then exit 0; fi
echo "Setting up $VENV (pinned packages from $REQUIREMENTS)…" >&2
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --only-binary=:all: -r "$REQUIREMENTS"
echo "$want" > "$stamp"
