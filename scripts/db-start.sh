#!/usr/bin/env bash
# `npm run db:start`: a throwaway PostgreSQL 15 cluster with pgvector, on 127.0.0.1, for development and CI.
#   - builds and installs pgvector from ../shared/vendor (checksum-verified) when the extension is missing,
#     installing the server headers (postgresql-server-dev-15) with apt-get when they are missing too;
#   - initdb's a cluster in a fresh temp dir owned by the `postgres` user (Postgres refuses to run as root),
#     listening on 127.0.0.1 only, on a free port (or $DB_PORT);
#   - prints `DATABASE_URL=postgres://postgres@127.0.0.1:PORT/dossier` on stdout (last line) and the data dir
#     on stderr. Stop it with `npm run db:stop -- DATADIR` (or `scripts/db-stop.sh DATADIR`).
# Everything else goes to stderr, so `eval "$(npm run --silent db:start)"` works; set DB_ENV_FILE to also write
# DATABASE_URL and DB_DATADIR there.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_VERSION="${PG_VERSION:-15}"
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
VENDOR="${PGVECTOR_VENDOR:-$ROOT/../shared/vendor}"
PGVECTOR=pgvector-0.8.6
say() { echo "db:start: $*" >&2; }
die() { echo "db:start: FAILED: $*" >&2; exit 1; }

[ -x "$PG_BIN/initdb" ] || die "no PostgreSQL $PG_VERSION server in $PG_BIN (apt-get install postgresql-$PG_VERSION)"
PG_CONFIG="$PG_BIN/pg_config"; [ -x "$PG_CONFIG" ] || PG_CONFIG="$(command -v pg_config || true)"
[ -n "$PG_CONFIG" ] || die "pg_config not found"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# 1. pgvector
sharedir="$("$PG_CONFIG" --sharedir)"
if [ ! -f "$sharedir/extension/vector.control" ]; then
  say "pgvector is not installed; building $PGVECTOR from $VENDOR"
  [ -f "$VENDOR/$PGVECTOR.tar.gz" ] || die "$VENDOR/$PGVECTOR.tar.gz not found"
  (cd "$VENDOR" && sha256sum -c --quiet "$PGVECTOR.tar.gz.sha256" >&2) || die "checksum mismatch for $PGVECTOR.tar.gz"
  if [ ! -f "$("$PG_CONFIG" --includedir-server)/postgres.h" ]; then
    say "installing postgresql-server-dev-$PG_VERSION (server headers)"
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-$PG_VERSION"; } >&2 \
      || die "could not install postgresql-server-dev-$PG_VERSION"
  fi
  build="$(mktemp -d)"
  tar -xzf "$VENDOR/$PGVECTOR.tar.gz" -C "$build"
  src="$(find "$build" -maxdepth 2 -name Makefile -printf '%h\n' | head -1)"
  [ -n "$src" ] || die "no Makefile in $PGVECTOR.tar.gz"
  # OPTFLAGS="" avoids -march=native, so the build runs on any x86-64 of this kind.
  { make -C "$src" -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" && as_root make -C "$src" install PG_CONFIG="$PG_CONFIG"; } >&2 \
    || die "building pgvector failed"
  rm -rf "$build"
  say "pgvector installed"
fi

# 2. a throwaway cluster owned by postgres
id postgres >/dev/null 2>&1 || die "no 'postgres' user (it comes with the postgresql-$PG_VERSION package)"
run_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else as_root su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi; }
datadir="${DB_DATADIR:-$(mktemp -d /tmp/dossier-pg.XXXXXX)}"
as_root chown postgres:postgres "$datadir"; as_root chmod 700 "$datadir"
port="${DB_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
run_pg "$PG_BIN/initdb" -D "$datadir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null 2>"$datadir/initdb.log" \
  || { cat "$datadir/initdb.log" >&2; die "initdb failed"; }
run_pg "$PG_BIN/pg_ctl" -D "$datadir/data" -l "$datadir/data/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir -c max_connections=100 -c maintenance_work_mem=512MB -c fsync=${DB_FSYNC:-on}" start >&2 \
  || { tail -20 "$datadir/data/server.log" >&2 || true; die "the server did not start"; }
run_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres dossier || die "createdb failed"
version="$(run_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d dossier -qtAc "CREATE EXTENSION IF NOT EXISTS vector; SELECT extversion FROM pg_extension WHERE extname = 'vector'")" \
  || die "CREATE EXTENSION vector failed"
url="postgres://postgres@127.0.0.1:$port/dossier"
say "PostgreSQL $PG_VERSION + pgvector $version on 127.0.0.1:$port, data in $datadir (stop: npm run db:stop -- $datadir)"
if [ -n "${DB_ENV_FILE:-}" ]; then printf 'DATABASE_URL=%s\nDB_DATADIR=%s\n' "$url" "$datadir" > "$DB_ENV_FILE"; fi
echo "DATABASE_URL=$url"
