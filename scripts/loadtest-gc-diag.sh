#!/usr/bin/env bash
# One load run with the workers' GC traced, for A/B pairs of decision 0880:
#   scripts/loadtest-gc-diag.sh NAME sqlite|pg 0|1 [more V8 flags for the workers]
# 1 = the B arm: each worker runs one full GC when the load test prints "load from" (the start of
# its 5 s warm-up; scripts/stall-monitor.mjs NIANBAO_DIAG_GC_FILE, a diagnostic only).
# Logs in ${GC_DIAG_DIR:-/tmp/gc-diag}/NAME.*; prints the per-slice lines and
# scripts/gc-trace-slices.ts's tables. pg: DATABASE_URL of the cluster (scripts/pg-cluster.sh),
# the build in .next-pg and the client generated for PostgreSQL (decision 0790's "To reproduce").
# PORT (default 3680) for the server.
set -u
cd "$(dirname "$0")/.."
NAME=$1; DB=$2; FORCE=$3; shift 3; EXTRA="$*"
DIR=${GC_DIAG_DIR:-/tmp/gc-diag}; mkdir -p "$DIR"; L=$DIR/$NAME
rm -f "$L.log" "$L.log.stalls.jsonl" "$L.out" "$L.trigger"
FLAGS="--trace-gc-nvp --trace-incremental-marking $EXTRA"
[ "$FORCE" = 1 ] && FLAGS="$FLAGS --expose-gc"
export NIANBAO_WORKER_V8_FLAGS="$FLAGS" LOADTEST_SERVER_LOG=$L.log NIANBAO_DIAG_GC_FILE=$L.trigger
echo "=== $NAME $DB force=$FORCE flags=[$FLAGS] $(date -u +%T) $(uptime | sed 's/.*load/load/')"
if [ "$FORCE" = 1 ]; then
  ( while ! grep -q "load from" "$L.out" 2>/dev/null; do sleep 0.2; done; touch "$L.trigger" ) &
fi
if [ "$DB" = pg ]; then
  DB_PROVIDER=postgresql NEXT_DIST_DIR=.next-pg npm run loadtest -- --db postgresql --port "${PORT:-3680}" --timeline --stalls > "$L.out" 2>&1
else
  npm run loadtest -- --port "${PORT:-3680}" --timeline --stalls > "$L.out" 2>&1
fi
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
grep -E "load from|loadtest-save-latency-p99|loadtest-saves-acknowledged|loadtest-errors|missing|^  [0-9]+–[0-9]+ s: .*scavenges|load average" "$L.out"
grep "diag:" "$L.log"
npx tsx scripts/gc-trace-slices.ts "$L.log" "$L.out"
