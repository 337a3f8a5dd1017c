#!/usr/bin/env node
// DuckDB side of bench/parquet-vs-duckdb.sh: loads rows from JSON lines into an in-memory table (untimed), then
// times `COPY t TO out (FORMAT parquet, COMPRESSION snappy)` with one thread, R times.
//
//   node bench-duckdb-write.mjs <rows.jsonl> <out.parquet> [repeat=3] [threads=1]
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [jsonl, out, repeatArg, threadsArg] = process.argv.slice(2);
if (!jsonl || !out) {
  console.error('usage: node bench-duckdb-write.mjs <rows.jsonl> <out.parquet> [repeat] [threads]');
  process.exit(2);
}
const repeat = Number(repeatArg ?? 3);
const threads = Number(threadsArg ?? 1);
const sql = (p) => `'${resolve(p).replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
let t0 = performance.now();
await conn.run(`CREATE TABLE t AS SELECT * FROM read_json(${sql(jsonl)}, format = 'newline_delimited',
  columns = {doc_id: 'VARCHAR', block_index: 'INTEGER', text: 'VARCHAR', label: 'VARCHAR', probability: 'DOUBLE', tokens: 'VARCHAR[]'})`);
const rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM t')).getRowObjects()[0].n);
console.log(`loaded ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
await conn.run(`SET threads = ${threads}`);
const [{ v }] = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJson();
console.log(`duckdb ${v}, threads=${threads}`);
for (let run = 1; run <= repeat; run++) {
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await conn.run(`COPY t TO ${sql(out)} (FORMAT parquet, COMPRESSION snappy)`);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const bytes = statSync(out).size;
  console.log(`RESULT side=duckdb run=${run} rows=${rows} seconds=${seconds.toFixed(4)} cpu_seconds=${cpuSeconds.toFixed(4)} rows_per_s=${(rows / seconds).toFixed(0)} bytes=${bytes}`);
}
conn.closeSync();
instance.closeSync();
