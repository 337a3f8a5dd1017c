#!/usr/bin/env node
// Has DuckDB write Parquet files of every type the library supports, one per codec, plus the expected cells.
//
//   node write-duckdb.mjs <out-dir>
//
// Writes <out-dir>/duckdb-{uncompressed,snappy,gzip}.parquet and <out-dir>/expected.json:
//   { "duckdb_version", "columns": [{ "name", "type" }], "rows": [ {column: canonical cell} ] }
// (canonical cells as in read-parquet.mjs). The golden copies used by the C# tests live in
// tests/ContentPipeline.Parquet.Tests/Interop/Golden; see README.md for how to rebuild them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { canon } from './canon.mjs';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node write-duckdb.mjs <out-dir>');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

export const ROWS = 3000;

// Deterministic values with the awkward cases: nulls, extremes, empty strings and lists, null list elements,
// multi-byte UTF-8, strings longer than 64 bytes (statistics truncation), dates before 1970, negative timestamps,
// infinities and NaN.
const tableSql = `
CREATE TABLE t AS
SELECT
  i::INTEGER AS id,
  (i % 2 = 0) AS b_req,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 = 0 END AS b_opt,
  CASE i % 50 WHEN 3 THEN -2147483648 WHEN 4 THEN 2147483647 ELSE (i * 7919) % 100000 - 50000 END::INTEGER AS i32_req,
  CASE WHEN i % 4 = 0 THEN NULL ELSE (i * 31) % 1000 - 500 END::INTEGER AS i32_opt,
  CASE i % 50 WHEN 5 THEN -9223372036854775808 WHEN 6 THEN 9223372036854775807
       ELSE i::BIGINT * 1234567890123 - 1000000000000000 END AS i64_req,
  CASE WHEN i % 5 = 0 THEN NULL ELSE (i::HUGEINT * 9007199254740993 % 100000000000000000)::BIGINT END AS i64_opt,
  CASE i % 100 WHEN 7 THEN 'inf'::FLOAT WHEN 8 THEN '-inf'::FLOAT ELSE (i * 0.37 - 100)::FLOAT END AS f32_req,
  CASE WHEN i % 6 = 0 THEN NULL WHEN i % 100 = 13 THEN 'nan'::FLOAT ELSE (i / 7.0)::FLOAT END AS f32_opt,
  CASE i % 100 WHEN 7 THEN 'inf'::DOUBLE WHEN 8 THEN '-inf'::DOUBLE ELSE i * 0.1 - 77.7 END AS f64_req,
  CASE WHEN i % 6 = 1 THEN NULL WHEN i % 100 = 13 THEN 'nan'::DOUBLE ELSE 1.0 / (i + 1) END AS f64_opt,
  CASE i % 6 WHEN 0 THEN '' WHEN 1 THEN 'héllo 中文 ' || i WHEN 2 THEN repeat('长', 30) || i
       WHEN 3 THEN 'label-' || (i % 3) ELSE 'word' || i END AS s_req,
  CASE WHEN i % 3 = 0 THEN NULL ELSE 'opt-' || (i % 11) || ' 标签' END AS s_opt,
  CASE WHEN i % 3 = 0 THEN 'content' ELSE 'boilerplate' END AS label,
  ('\\x00\\xFF'::BLOB || encode('x' || i)) AS bin_req,
  CASE WHEN i % 4 = 2 THEN NULL WHEN i % 4 = 1 THEN ''::BLOB ELSE encode('b' || (i % 13)) END AS bin_opt,
  CASE i % 50 WHEN 9 THEN DATE '0001-01-01' WHEN 10 THEN DATE '9999-12-31' ELSE DATE '1970-01-01' + (i * 37 - 20000)::INTEGER END AS date_req,
  CASE WHEN i % 5 = 3 THEN NULL ELSE DATE '2024-02-29' + (i % 400)::INTEGER END AS date_opt,
  make_timestamp(i::BIGINT * 1234567890123 - 500000000000000) AS ts_req,
  CASE WHEN i % 5 = 4 THEN NULL ELSE make_timestamp(1700000000000000 + i::BIGINT * 1000001) END AS ts_opt,
  make_timestamp(1600000000000000 + i::BIGINT * 3600000000)::TIMESTAMPTZ AS tstz_opt,
  CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN []::VARCHAR[] WHEN 2 THEN ['a', NULL, '']
       ELSE ['w' || i, '中' || (i % 10)] END AS list_str,
  CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN []::INTEGER[] WHEN 2 THEN [i, -2147483648, -i] ELSE [i] END AS list_int
FROM (SELECT range::INTEGER AS i FROM range(${ROWS})) r
ORDER BY i`;

const { DuckDBInstance } = await import('@duckdb/node-api');
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const run = (sql) => conn.runAndReadAll(sql);
await run(`SET threads = 1`);
await run(`SET TimeZone = 'UTC'`);
await run(tableSql);

for (const codec of ['uncompressed', 'snappy', 'gzip']) {
  const file = resolve(join(outDir, `duckdb-${codec}.parquet`)).replaceAll("'", "''");
  await run(`COPY (SELECT * FROM t ORDER BY id) TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 1024)`);
}

const columns = (await run(`DESCRIBE t`)).getRowObjectsJson().map((r) => ({ name: r.column_name, type: r.column_type }));
const rows = (await run(`SELECT * FROM t ORDER BY id`))
  .getRowObjects()
  .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, canon(v)])));
const [{ v }] = (await run(`SELECT version() AS v`)).getRowObjectsJson();
writeFileSync(join(outDir, 'expected.json'), JSON.stringify({ duckdb_version: v, columns, rows }, null, 0) + '\n');
conn.closeSync();
instance.closeSync();
console.log(`wrote ${ROWS} rows x ${columns.length} columns with DuckDB ${v} to ${outDir}`);
