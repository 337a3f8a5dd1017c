// Canonical JSON form of Parquet cells shared by read-parquet.mjs and write-duckdb.mjs (see read-parquet.mjs).

export const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

export function canonNumber(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

// Generic canonicaliser for DuckDB (raw getRowObjects values) and hyparquet (with the parsers below).
export function canon(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return canonNumber(v);
    case 'boolean':
    case 'string':
      return v;
  }
  if (v instanceof Uint8Array) return hex(v);
  if (Array.isArray(v)) return v.map(canon);
  // DuckDB value wrappers
  if ('items' in v) return v.items.map(canon); // DuckDBListValue
  if ('bytes' in v) return hex(v.bytes); // DuckDBBlobValue
  if ('days' in v) return v.days; // DuckDBDateValue
  if ('micros' in v) return v.micros.toString(); // DuckDBTimestampValue / DuckDBTimestampTZValue
  if (typeof v.length === 'number' && typeof v[Symbol.iterator] === 'function') return Array.from(v, canon); // typed arrays
  throw new Error(`cannot canonicalise ${Object.prototype.toString.call(v)} ${JSON.stringify(v)}`);
}

