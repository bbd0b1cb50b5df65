import fc from 'fast-check';
import { canonicalJson, canonicalJsonBytes } from './canonical-json';

// Vectors: RFC 8785 §3.2.2 / §3.2.3 / §3.2.4 / Appendix B, and the test data of the RFC authors' reference
// implementations, github.com/cyberphone/json-canonicalization testdata/{input,output,outhex}/*.
const canonicalOf = (jsonText: string): string => canonicalJson(JSON.parse(jsonText));

describe('canonicalJson — RFC 8785 examples', () => {
  const rfcSample = String.raw`{
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  }`;

  it('serializes the §3.2.2 sample', () => {
    expect(canonicalOf(rfcSample)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('encodes the §3.2.2 sample as the §3.2.4 UTF-8 bytes', () => {
    const rfcHex =
      '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 ' +
      '65 72 73 22 3a 5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 65 2b 33 30 2c 34 2e 35 2c 30 ' +
      '2e 30 30 32 2c 31 65 2d 32 37 5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 ' +
      '27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d';
    expect(canonicalJsonBytes(JSON.parse(rfcSample)).toString('hex')).toBe(rfcHex.replace(/ /g, ''));
  });

  it('sorts the §3.2.3 property names by UTF-16 code units', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    expect(canonicalOf(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // Appendix B: IEEE 754 binary64 bit patterns and their required serialization.
  const appendixB: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  const double = (bits: string): number => Buffer.from(bits, 'hex').readDoubleBE(0);

  it.each(appendixB)('serializes the Appendix B number 0x%s as %s', (bits, expected) => {
    expect(canonicalJson(double(bits))).toBe(expected);
  });

  it.each([['7fffffffffffffff'], ['7ff0000000000000'], ['fff0000000000000']])(
    'rejects the Appendix B non-finite pattern 0x%s',
    (bits) => {
      expect(() => canonicalJson(double(bits))).toThrow(/^\$: (NaN|-?Infinity) is not a JSON number/);
    },
  );
});

describe('canonicalJson — cyberphone/json-canonicalization testdata', () => {
  it.each([
    [
      'structures.json',
      '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
      String.raw`{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}`,
    ],
    [
      'values.json',
      String.raw`{"numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001], "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`,
      String.raw`{"escaping":"€$\u000f\nA'B\"\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}`,
    ],
    [
      'weird.json',
      String.raw`{"\u20ac": "Euro Sign", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}`,
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      'french.json',
      '{\n  "peach": "This sorting order",\n  "péché": "is wrong according to French",\n  "pêche": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}\n',
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    // Unicode normalization is deliberately not applied (RFC 8785 §3.2.2.2).
    ['unicode.json', String.raw`{"Unnormalized Unicode":"\u1e0d\u0307"}`, '{"Unnormalized Unicode":"\u1e0d\u0307"}'],
    // The repository's output/arrays.json is not in the searchable index; expected value follows §3.2.3 by hand.
    ['arrays.json', '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]', '[56,{"1":[],"10":null,"d":true}]'],
  ])('canonicalizes %s', (_name, input, expected) => {
    expect(canonicalOf(input)).toBe(expected);
  });

  it('matches outhex/simpleString.txt byte for byte', () => {
    const outhex = '22 74 68 69 73 20 69 73 20 61 20 74 65 73 74 20 73 74 72 69 6E 67 20 31 32 33 35 22';
    expect(canonicalJsonBytes(JSON.parse('    "this is a test string 1235"'))).toEqual(
      Buffer.from(outhex.replace(/ /g, ''), 'hex'),
    );
  });
});

describe('canonicalJson — values outside the JSON data model', () => {
  class Entry {
    constructor(readonly id: string) {}
  }
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;

  it.each<[string, unknown, string]>([
    ['undefined', undefined, '$: undefined is not a JSON value (RFC 8785 §3.1)'],
    ['an undefined member', { a: { severity: undefined } }, '$.a.severity: undefined is not a JSON value'],
    ['an undefined element', [1, undefined], '$[1]: undefined is not a JSON value'],
    ['an array hole', [1, , 3], '$[1]: array hole is not a JSON value'], // eslint-disable-line no-sparse-arrays
    ['a function', { f: () => 1 }, '$.f: function is not a JSON value'],
    ['a symbol', Symbol('x'), '$: symbol is not a JSON value'],
    ['a bigint', { n: 10n }, '$.n: bigint is not a JSON value'],
    ['NaN', { 'x y': NaN }, '$["x y"]: NaN is not a JSON number'],
    ['Infinity', [Infinity], '$[0]: Infinity is not a JSON number'],
    ['-Infinity', -Infinity, '$: -Infinity is not a JSON number'],
    ['a lone high surrogate', 'a\ud800b', '$: string contains a lone surrogate'],
    ['a lone low surrogate', '\udc00', '$: string contains a lone surrogate'],
    ['a reversed surrogate pair', '\ude00\ud83d', '$: string contains a lone surrogate'],
    ['a lone surrogate in a key', { '\ud800': 1 }, 'string contains a lone surrogate'],
    ['a Date', { at: new Date(0) }, '$.at: Date is not a plain object'],
    ['a Map', new Map(), '$: Map is not a plain object'],
    ['a Buffer', Buffer.from('x'), '$: Buffer is not a plain object'],
    ['a class instance', new Entry('x'), '$: Entry is not a plain object'],
    ['a symbol-keyed property', { [Symbol('k')]: 1 }, '$: symbol-keyed properties are not JSON'],
    ['a circular reference', circular, '$.self: circular reference'],
  ])('rejects %s with a TypeError naming the path', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('accepts null-prototype objects, surrogate pairs, shared (non-circular) references and -0', () => {
    const shared = { k: 1 };
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: shared, a: [shared, -0] });
    expect(canonicalJson(bare)).toBe('{"a":[{"k":1},0],"b":{"k":1}}');
    expect(canonicalJson('\ud83d\ude00')).toBe('"\ud83d\ude00"');
  });

  it('escapes control characters exactly as §3.2.2.2 requires and leaves U+007F, "/" and non-ASCII as is', () => {
    const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f/é"\\';
    expect(canonicalJson(all)).toBe(
      String.raw`"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f` +
        String.raw`\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f` +
        '\u007f/é\\"\\\\"',
    );
  });
});

describe('canonicalJson — properties', () => {
  const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 });
  // JSON.stringify differs from JCS only in member order (for well-formed strings); sorting first gives an oracle.
  const sortedDeep = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortedDeep)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sortedDeep((value as Record<string, unknown>)[key])]),
          )
        : value;
  const shuffledDeep = (value: unknown, random: () => number): unknown => {
    if (Array.isArray(value)) return value.map((item) => shuffledDeep(item, random));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, shuffledDeep(item, random)]));
  };
  const seeded = (seed: number) => () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return ((seed >>> 0) % 1_000_003) / 1_000_003;
  };

  it('parses back to the same JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('equals JSON.stringify of the value with keys sorted by UTF-16 code units', () => {
    fc.assert(
      fc.property(json, (value) => canonicalJson(value) === JSON.stringify(sortedDeep(value))),
      { numRuns: 300 },
    );
  });

  it('does not depend on the insertion order of members', () => {
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffledDeep(value, seeded(seed)))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(json, (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('serializes every finite double to text that reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = canonicalJson(n);
        expect(text).toMatch(/^-?(0|[1-9]\d*)(\.\d+)?(e[+-][1-9]\d*)?$/);
        expect(Number(text)).toBe(n === 0 ? 0 : n);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects any string containing a lone surrogate, wherever it is', () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
    fc.assert(
      fc.property(fc.string(), lone, fc.string(), fc.boolean(), (before, surrogate, after, asKey) => {
        const text = `${before}${surrogate}x${after}`;
        expect(() => canonicalJson(asKey ? { [text]: 1 } : [text])).toThrow(/lone surrogate/);
      }),
    );
  });
});
