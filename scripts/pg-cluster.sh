#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for tests and local runs (Debian's postgresql).
#   scripts/pg-cluster.sh start   → prints the DATABASE_URL to use; data in $PG_DIR (default /tmp/nianbao-pg)
#   scripts/pg-cluster.sh stop
set -euo pipefail
PG_DIR="${PG_DIR:-/tmp/nianbao-pg}"
# The port: $PG_PORT, else the one this cluster already uses, else 55432 or the next free one
# (another cluster may hold 55432 on a shared machine).
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "${PG_PORT:-}" ]; then
  if [ -f "$PG_DIR/port" ]; then PG_PORT="$(cat "$PG_DIR/port")"; else PG_PORT=55432; fi
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "${1:-start}" in
  start)
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
      mkdir -p "$PG_DIR"
      [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
      as_pg "'$BIN/initdb' -D '$PG_DIR/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    if ! as_pg "'$BIN/pg_ctl' -D '$PG_DIR/data' status" >/dev/null 2>&1; then
      while port_busy "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
      echo "$PG_PORT" > "$PG_DIR/port"
      as_pg "'$BIN/pg_ctl' -D '$PG_DIR/data' -w -l '$PG_DIR/log' -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c fsync=on -c log_checkpoints=on -c track_wal_io_timing=on\" start" >/dev/null
    fi
    # The application database; tests make their own databases beside it.
    if ! as_pg "'$BIN/psql' -h 127.0.0.1 -p $PG_PORT -U postgres -tAc \"select 1 from pg_database where datname='nianbao'\"" | grep -q 1; then
      as_pg "'$BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres nianbao"
    fi
    echo "postgresql://postgres@127.0.0.1:$PG_PORT/nianbao?schema=public"
    ;;
  stop)
    as_pg "'$BIN/pg_ctl' -D '$PG_DIR/data' -m fast stop" >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
