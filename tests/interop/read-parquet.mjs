#!/usr/bin/env node
// Reads Parquet files with three independent readers and prints every cell as canonical JSON, so that
// ContentPipeline.Parquet.Tests/Interop can compare them with what the library wrote.
//
//   node read-parquet.mjs <manifest.json> <out.json>
//
// manifest.json: { "files": ["/abs/a.parquet", ...] }
// out.json:      { "files": [ { "path", "duckdb", "hyparquet", "wasm", "metadata", "schema" } ] }
//   where each reader entry is { "rows": [ {column: cell, ...}, ... ] } or { "error": "message" }.
//
// Canonical cells (identical for the three readers, so the C# side has one comparison):
//   BOOLEAN → true/false, INT32 → number, INT64 → decimal string, FLOAT/DOUBLE → number or "NaN"/"Infinity"/"-Infinity",
//   STRING → string, binary → lowercase hex string, DATE → days since 1970-01-01 (number),
//   TIMESTAMP → microseconds since the epoch (decimal string), LIST → array (or null), null → null.
import { readFileSync, writeFileSync } from 'node:fs';
import { canon, canonNumber, hex } from './canon.mjs';

const [manifestPath, outPath] = process.argv.slice(2);
if (!manifestPath || !outPath) {
  console.error('usage: node read-parquet.mjs <manifest.json> <out.json>');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

// DuckDB prints BLOB statistics with \xHH escapes; turn them into hex like the cells.
function blobTextToHex(text) {
  if (text === null || text === undefined) return null;
  const bytes = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\\' && text[i + 1] === 'x') {
      bytes.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 4;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('hex');
}

async function readDuckDB(conn, path) {
  const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(path)})`);
  const rows = reader.getRowObjects().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, canon(v)])));
  return { rows };
}

async function readMetadata(conn, path) {
  const q = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
  const schema = await q(`SELECT name, type, repetition_type, converted_type, logical_type, duckdb_type
                          FROM parquet_schema(${sqlString(path)})`);
  const blobColumns = new Set(schema.filter((s) => s.duckdb_type === 'BLOB').map((s) => s.name));
  const metadata = (
    await q(`SELECT row_group_id, row_group_num_rows, path_in_schema, type, compression, encodings, num_values,
                    stats_min_value, stats_max_value, stats_null_count, min_is_exact, max_is_exact,
                    total_compressed_size, total_uncompressed_size, dictionary_page_offset, data_page_offset
             FROM parquet_metadata(${sqlString(path)}) ORDER BY row_group_id, column_id`)
  ).map((m) => {
    const leaf = String(m.path_in_schema).split(', ').at(-1);
    if (m.type === 'BYTE_ARRAY' && blobColumns.has(leaf)) {
      return { ...m, stats_min_value: blobTextToHex(m.stats_min_value), stats_max_value: blobTextToHex(m.stats_max_value) };
    }
    return m;
  });
  // DuckDB shows no min/max for float chunks holding ±Infinity; take those from hyparquet's footer decoding.
  hyparquetModule ??= await import('hyparquet');
  const buf = readFileSync(path);
  const footer = hyparquetModule.parquetMetadata(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  for (const m of metadata) {
    if ((m.type === 'FLOAT' || m.type === 'DOUBLE') && m.stats_min_value === null && m.stats_max_value === null) {
      const chunk = footer.row_groups[Number(m.row_group_id)].columns.find(
        (c) => c.meta_data.path_in_schema.join(', ') === m.path_in_schema,
      );
      const st = chunk?.meta_data?.statistics;
      const text = (x) => (x === undefined || x === null ? null : String(canonNumber(Number(x))));
      if (st && (st.min_value ?? st.min) !== undefined) {
        m.stats_min_value = text(st.min_value ?? st.min);
        m.stats_max_value = text(st.max_value ?? st.max);
        m.stats_source = 'hyparquet';
      }
    }
  }
  const [file] = await q(`SELECT created_by, num_rows, num_row_groups FROM parquet_file_metadata(${sqlString(path)})`);
  const kv = await q(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${sqlString(path)})`);
  return { schema, metadata, file, kv };
}

let hyparquetModule, compressors;
async function readHyparquet(path) {
  hyparquetModule ??= await import('hyparquet');
  compressors ??= (await import('hyparquet-compressors')).compressors;
  const buf = readFileSync(path);
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const rows = await hyparquetModule.parquetReadObjects({
    file,
    compressors,
    utf8: false, // BYTE_ARRAY without a STRING annotation stays binary
    parsers: {
      ...hyparquetModule.DEFAULT_PARSERS,
      dateFromDays: (days) => days,
      timestampFromMilliseconds: (ms) => (BigInt(ms) * 1000n).toString(),
      timestampFromMicroseconds: (us) => BigInt(us).toString(),
      timestampFromNanoseconds: (ns) => (BigInt(ns) / 1000n).toString(),
    },
  });
  return { rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, canon(v)]))) };
}

let wasm, arrow;
async function readWasm(path) {
  wasm ??= await import('parquet-wasm');
  arrow ??= await import('apache-arrow');
  const wasmTable = wasm.readParquet(new Uint8Array(readFileSync(path)));
  const table = arrow.tableFromIPC(wasmTable.intoIPCStream());
  const { Type } = arrow;

  // One cell of an arrow Data chunk at index i, read from the raw buffers so that 64-bit values stay exact.
  function cell(data, i) {
    if (!data.getValid(i)) return null;
    const t = data.type;
    const j = data.offset + i;
    switch (t.typeId) {
      case Type.Bool:
        return ((data.values[j >> 3] >> (j & 7)) & 1) === 1;
      case Type.Int:
        return t.bitWidth === 64 ? BigInt(data.values[j]).toString() : Number(data.values[j]);
      case Type.Float:
        return canonNumber(Number(data.values[j]));
      case Type.Utf8:
      case Type.LargeUtf8: {
        const start = Number(data.valueOffsets[j]);
        const end = Number(data.valueOffsets[j + 1]);
        return Buffer.from(data.values.subarray(start, end)).toString('utf8');
      }
      case Type.Binary:
      case Type.LargeBinary: {
        const start = Number(data.valueOffsets[j]);
        const end = Number(data.valueOffsets[j + 1]);
        return hex(data.values.subarray(start, end));
      }
      case Type.Date:
        // DateDay holds int32 days; DateMillisecond int64 milliseconds.
        return t.unit === 0 ? Number(data.values[j]) : Number(BigInt(data.values[j]) / 86400000n);
      case Type.Timestamp: {
        const raw = BigInt(data.values[j]);
        const us = [raw * 1000000n, raw * 1000n, raw, raw / 1000n][t.unit];
        return us.toString();
      }
      case Type.List:
      case Type.LargeList: {
        const start = Number(data.valueOffsets[j]);
        const end = Number(data.valueOffsets[j + 1]);
        const child = data.children[0];
        const out = [];
        for (let k = start; k < end; k++) out.push(cell(child, k));
        return out;
      }
      default:
        throw new Error(`parquet-wasm: unsupported arrow type ${t}`);
    }
  }

  const rows = [];
  for (const batch of table.batches) {
    const names = batch.schema.fields.map((f) => f.name);
    const columns = names.map((_, c) => batch.data.children[c]);
    for (let r = 0; r < batch.numRows; r++) {
      const row = {};
      names.forEach((name, c) => {
        row[name] = cell(columns[c], r);
      });
      rows.push(row);
    }
  }
  return { rows };
}

async function attempt(fn) {
  try {
    return await fn();
  } catch (e) {
    return { error: String(e?.stack ?? e) };
  }
}

const { DuckDBInstance } = await import('@duckdb/node-api');
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const results = [];
for (const path of manifest.files) {
  const meta = await attempt(() => readMetadata(conn, path));
  results.push({
    path,
    duckdb: await attempt(() => readDuckDB(conn, path)),
    hyparquet: await attempt(() => readHyparquet(path)),
    wasm: await attempt(() => readWasm(path)),
    ...(meta.error ? { metadataError: meta.error } : meta),
  });
}
conn.closeSync();
instance.closeSync();
writeFileSync(outPath, JSON.stringify({ files: results }));
