#!/usr/bin/env node
// CI check of the published datasets: each file is read by DuckDB, hyparquet and parquet-wasm (through
// read-parquet.mjs) and the three readers must return the same rows, cell for cell.
//   node check-datasets.mjs out/documents.parquet out/blocks.parquet ...
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const files = process.argv.slice(2).map((f) => resolve(f));
if (files.length === 0) {
  console.error('usage: node check-datasets.mjs FILE.parquet...');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'cp-check-'));
const manifest = join(work, 'manifest.json');
const out = join(work, 'out.json');
writeFileSync(manifest, JSON.stringify({ files }));
execFileSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'read-parquet.mjs'), manifest, out], { stdio: 'inherit' });

let failures = 0;
for (const f of JSON.parse(readFileSync(out, 'utf8')).files) {
  const readers = ['duckdb', 'hyparquet', 'wasm'];
  const errors = readers.filter((r) => f[r]?.error).map((r) => `${r}: ${f[r].error}`);
  if (errors.length) {
    failures++;
    console.log(`FAIL ${f.path}: ${errors.join('; ')}`);
    continue;
  }
  const [a, ...rest] = readers.map((r) => f[r].rows);
  const disagree = readers.slice(1).filter((_, i) => !isDeepStrictEqual(a, rest[i]));
  if (disagree.length) {
    failures++;
    console.log(`FAIL ${f.path}: ${disagree.join(', ')} disagree with duckdb`);
  } else {
    console.log(`ok   ${f.path}: ${a.length} rows, identical in duckdb, hyparquet and parquet-wasm`);
  }
}
process.exit(failures ? 1 : 0);
