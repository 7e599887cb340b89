#!/usr/bin/env bash
# `npm run db:stop -- DATADIR`: stops a cluster made by db:start and deletes its data.
set -euo pipefail
datadir="${1:-${DB_DATADIR:-}}"
[ -n "$datadir" ] && [ -d "$datadir/data" ] || { echo "usage: db:stop DATADIR (the folder db:start printed)" >&2; exit 2; }
PG_BIN="/usr/lib/postgresql/${PG_VERSION:-15}/bin"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
if [ "$(id -un)" = postgres ]; then "$PG_BIN/pg_ctl" -D "$datadir/data" -m fast -w stop >&2 || true
else as_root su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$datadir/data' -m fast -w stop" >&2 || true; fi
as_root rm -rf "$datadir"
