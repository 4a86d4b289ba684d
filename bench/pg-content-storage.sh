#!/bin/bash
# WAL and time per update of Report.content for one column storage (docs/decisions/0750).
# Run after `npm run loadtest -- --db postgresql` (it leaves the database nianbao_load behind):
#   PG_URL=postgresql://postgres@127.0.0.1:55432/nianbao_load bench/pg-content-storage.sh MAIN lz4
#   LEN=4000 bench/pg-content-storage.sh EXTERNAL pglz   # each content cut to LEN characters
# Copies "Report" (id, version, updatedAt, content) into a scratch table `ab` with the given
# STORAGE and COMPRESSION, updates the content 1,200 times in one DO loop (a new text each time,
# as a save sends), prints WAL KB and ms per update, and the table's size; then drops `ab`.
set -euo pipefail
U=${PG_URL:-postgresql://postgres@127.0.0.1:55432/nianbao_load}
psql -q -v ON_ERROR_STOP=1 "$U" <<SQL
DROP TABLE IF EXISTS ab;
CREATE TABLE ab (id text PRIMARY KEY, version int, "updatedAt" timestamptz, content text);
ALTER TABLE ab ALTER COLUMN content SET STORAGE $1, ALTER COLUMN content SET COMPRESSION $2;
INSERT INTO ab SELECT id, version, "updatedAt", substr(content, 1, ${LEN:-1000000}) FROM "Report";
VACUUM ANALYZE ab;
DO \$\$
DECLARE ids text[]; cs text[]; n int; i int; t0 timestamptz; l0 pg_lsn; l1 pg_lsn;
BEGIN
  SELECT array_agg(id ORDER BY id), array_agg(content ORDER BY id) INTO ids, cs FROM ab;
  n := array_length(ids, 1);
  l0 := pg_current_wal_insert_lsn(); t0 := clock_timestamp();
  FOR i IN 1..1200 LOOP
    UPDATE ab SET content = '{"v":' || i || ',' || substr(cs[1 + i % n], 2), version = version + 1, "updatedAt" = now() WHERE id = ids[1 + i % n];
  END LOOP;
  l1 := pg_current_wal_insert_lsn();
  RAISE NOTICE '$1 $2: % rows, content avg % B, WAL % KB per update, % ms per update', n,
    (SELECT avg(octet_length(c))::int FROM unnest(cs) c),
    round(pg_wal_lsn_diff(l1, l0) / 1200 / 1024, 2), round(extract(epoch FROM clock_timestamp() - t0) * 1000 / 1200, 3);
END \$\$;
SELECT '$1 $2 stored: heap ' || pg_relation_size('ab') / 1024 || ' KB, toast ' || pg_relation_size(reltoastrelid) / 1024 || ' KB, avg stored ' || (SELECT avg(pg_column_size(content))::int FROM ab) || ' B' FROM pg_class WHERE relname = 'ab';
DROP TABLE ab;
SQL
