#!/usr/bin/env bash
# One load run with the workers' GC traced and their scavenge survivors sampled (decision 0930):
#   scripts/loadtest-survivors.sh NAME sqlite|pg [AFTER seconds from "load from" (10)] [more V8 flags]
# Each worker samples what survives its scavenges for NIANBAO_DIAG_HEAP_SECONDS (10) from AFTER
# seconds after the load starts (10: the measured 5–15 s), scripts/stall-monitor.mjs
# NIANBAO_DIAG_HEAP_FILE, a diagnostic only. Logs in ${GC_DIAG_DIR:-/tmp/gc-diag}/NAME.*; prints the
# per-slice lines, scripts/gc-trace-slices.ts's tables and scripts/survivors-summary.ts's.
# pg: as scripts/loadtest-gc-diag.sh. PORT (default 3680) for the server.
set -u
cd "$(dirname "$0")/.."
NAME=$1; DB=$2; AFTER=${3:-10}; shift 2; [ $# -gt 0 ] && shift; EXTRA="$*"
DIR=${GC_DIAG_DIR:-/tmp/gc-diag}; mkdir -p "$DIR"; L=$DIR/$NAME
rm -f "$L.log" "$L.log.stalls.jsonl" "$L.out" "$L.heap" "$L.heap".*.heapprofile
export NIANBAO_WORKER_V8_FLAGS="--trace-gc-nvp $EXTRA" LOADTEST_SERVER_LOG=$L.log NIANBAO_DIAG_HEAP_FILE=$L.heap
echo "=== $NAME $DB flags=[$NIANBAO_WORKER_V8_FLAGS] $(date -u +%T) $(uptime | sed 's/.*load/load/')"
if [ "$AFTER" != off ]; then
  ( while ! grep -q "load from" "$L.out" 2>/dev/null; do sleep 0.2; done; sleep "$AFTER"; touch "$L.heap" ) &
fi
if [ "$DB" = pg ]; then
  DB_PROVIDER=postgresql NEXT_DIST_DIR=.next-pg npm run loadtest -- --db postgresql --port "${PORT:-3680}" --timeline --stalls > "$L.out" 2>&1
else
  npm run loadtest -- --port "${PORT:-3680}" --timeline --stalls > "$L.out" 2>&1
fi
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
grep -E "load from|loadtest-save-latency-p99|loadtest-saves-acknowledged|loadtest-errors|missing|^  [0-9]+–[0-9]+ s: |load average" "$L.out"
grep "diag:" "$L.log"
npx tsx scripts/gc-trace-slices.ts "$L.log" "$L.out"
