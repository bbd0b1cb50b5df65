// RFC 8785 JSON Canonicalization Scheme (JCS): the leaf bytes of the audit ledger (PRODUCT.md §3.8).
//
// Accepted input is the I-JSON data model (RFC 8785 §3.1, RFC 7493): null, booleans, finite numbers, well-formed
// strings, arrays and plain objects (prototype Object.prototype or null). Everything else is a TypeError naming the
// JSON path, rather than being dropped or coerced as JSON.stringify would do:
// - undefined, functions, symbols, bigint, array holes, symbol-keyed properties: not JSON values;
// - NaN and ±Infinity: RFC 8785 §3.2.2.3 requires an error;
// - strings with lone surrogates: I-JSON (RFC 7493 §2.1) forbids them and they have no UTF-8 encoding, so the leaf
//   bytes would silently differ from the string (U+FFFD). Noncharacters (U+FFFE…) pass through unchanged, as in the
//   reference implementations;
// - Date, Map, class instances, Buffers: no toJSON() magic; convert to plain data first;
// - circular references.

export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set());
}

export function canonicalJsonBytes(value: unknown): Buffer {
  // RFC 8785 §3.2.4: the canonical form is the UTF-8 encoding of the serialized text.
  return Buffer.from(canonicalJson(value), 'utf8');
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serializeNumber(value, path);
    case 'string':
      return serializeString(value, path);
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, path, ancestors);
    default:
      throw new TypeError(`${path}: ${typeof value} is not a JSON value (RFC 8785 §3.1)`);
  }
}

function serializeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) {
    throw new TypeError(`${path}: ${value} is not a JSON number (RFC 8785 §3.2.2.3)`);
  }
  // RFC 8785 §3.2.2.3 mandates ECMAScript Number::toString, which is what String() implements (incl. -0 → "0").
  return String(value);
}

// With the `u` flag a well-formed surrogate pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw new TypeError(`${path}: string contains a lone surrogate (I-JSON, RFC 7493 §2.1)`);
  }
  // For well-formed strings JSON.stringify is exactly RFC 8785 §3.2.2.2: \b \t \n \f \r \" \\ as two-character
  // escapes, other U+0000–U+001F as lowercase \u00hh, everything else (including U+007F and '/') as is.
  return JSON.stringify(value);
}

function serializeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new TypeError(`${path}: circular reference`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return serializeArray(value, path, ancestors);
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
      throw new TypeError(`${path}: ${name} is not a plain object; convert it to JSON data first`);
    }
    return serializeObject(value as Record<string, unknown>, path, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function serializeArray(value: readonly unknown[], path: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw new TypeError(`${path}[${i}]: array hole is not a JSON value`);
    parts.push(serialize(value[i], `${path}[${i}]`, ancestors));
  }
  return `[${parts.join(',')}]`;
}

function serializeObject(value: Record<string, unknown>, path: string, ancestors: Set<object>): string {
  if (Object.getOwnPropertySymbols(value).length > 0) {
    throw new TypeError(`${path}: symbol-keyed properties are not JSON`);
  }
  // RFC 8785 §3.2.3: property names sorted by their UTF-16 code units, which is how JavaScript compares strings.
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const members = keys.map((key) => {
    const memberPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    return `${serializeString(key, memberPath)}:${serialize(value[key], memberPath, ancestors)}`;
  });
  return `{${members.join(',')}}`;
}
