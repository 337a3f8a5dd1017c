#!/usr/bin/env bash
# Whole-process Parquet write benchmark: ContentPipeline.Parquet vs DuckDB (single thread), same rows, SNAPPY.
#
#   bench/parquet-vs-duckdb.sh [ROWS=1000000] [REPEAT=3]
#
# 1. the library's console mode generates ROWS blocks-shaped rows (seeded), writes them once as JSON lines
#    (untimed), then times REPEAT writes of the in-memory rows to Parquet;
# 2. DuckDB (node, SET threads=1) loads the same JSON lines into an in-memory table (untimed), then times REPEAT
#    `COPY t TO ... (FORMAT parquet, COMPRESSION snappy)`;
# 3. prints best-of-REPEAT rows/s, MB/s (of the JSON-lines input, the same bytes on both sides), file sizes and ratios.
set -euo pipefail
ROWS="${1:-1000000}"
REPEAT="${2:-3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/bench/work"
mkdir -p "$WORK"

if [ ! -d "$ROOT/tests/interop/node_modules/@duckdb/node-api" ]; then
  npm ci --prefix "$ROOT/tests/interop" --no-audit --no-fund
fi

dotnet build -c Release "$ROOT/bench/ContentPipeline.Benchmarks" -v q -nologo >/dev/null
DLL="$ROOT/bench/ContentPipeline.Benchmarks/bin/Release/net10.0/ContentPipeline.Benchmarks.dll"

echo "== library (ContentPipeline.Parquet) =="
dotnet "$DLL" parquet-write "$ROWS" "$WORK/library.parquet" --jsonl "$WORK/rows.jsonl" --repeat "$REPEAT" | tee "$WORK/library.log"
echo "== DuckDB =="
node "$ROOT/tests/interop/bench-duckdb-write.mjs" "$WORK/rows.jsonl" "$WORK/duckdb.parquet" "$REPEAT" 1 | tee "$WORK/duckdb.log"

JSONL_BYTES=$(stat -c %s "$WORK/rows.jsonl")
best() { # log field -> smallest value of field=... over the RESULT lines
  grep '^RESULT' "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2 | sort -g | head -1
}
LIB_S=$(best "$WORK/library.log" seconds); LIB_CPU=$(best "$WORK/library.log" cpu_seconds); LIB_B=$(best "$WORK/library.log" bytes)
DUCK_S=$(best "$WORK/duckdb.log" seconds); DUCK_CPU=$(best "$WORK/duckdb.log" cpu_seconds); DUCK_B=$(best "$WORK/duckdb.log" bytes)
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v rows="$ROWS" -v in_b="$JSONL_BYTES" -v ls="$LIB_S" -v lc="$LIB_CPU" -v lb="$LIB_B" -v ds="$DUCK_S" -v dc="$DUCK_CPU" -v db="$DUCK_B" 'BEGIN {
  printf "\n%-10s %9s %9s %12s %12s %14s %10s\n", "side", "best s", "best cpu", "rows/s", "rows/cpu-s", "MB/s (input)", "file MB";
  printf "%-10s %9.3f %9.3f %12.0f %12.0f %14.1f %10.2f\n", "library", ls, lc, rows/ls, rows/lc, in_b/ls/1e6, lb/1e6;
  printf "%-10s %9.3f %9.3f %12.0f %12.0f %14.1f %10.2f\n", "duckdb", ds, dc, rows/ds, rows/dc, in_b/ds/1e6, db/1e6;
  printf "\nspeed library/duckdb: wall %.2fx, cpu %.2fx (above 1 = library faster)   size library/duckdb: %.3f\n", ds/ls, dc/lc, lb/db;
}'
