// parseBodyBytes takes any Uint8Array (not only node's Buffer), so the fetch adapter shares it.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import secureJson from 'secure-json-parse';
import { InvalidRequestError } from '../../lib/errors';
import { parseBodyBytes } from '../../lib/engine/parse-body';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const BOM = [0xef, 0xbb, 0xbf];

function refusal(bytes: Uint8Array): { code: string; message: string } | undefined {
  const value = parseBodyBytes(bytes);
  return value instanceof InvalidRequestError ? { code: value.code, message: value.message } : undefined;
}

describe('parseBodyBytes on a Uint8Array', () => {
  it('parses JSON from a plain Uint8Array', () => {
    expect(parseBodyBytes(encode('{"a":"用户"}'))).toEqual({ a: '用户' });
  });

  it('reads only the bytes of a view into a larger buffer', () => {
    const whole = encode('xx{"a":1}yy');
    expect(parseBodyBytes(whole.subarray(2, 9))).toEqual({ a: 1 });
  });

  it('accepts one UTF-8 byte order mark', () => {
    expect(parseBodyBytes(new Uint8Array([...BOM, ...encode('{"a":1}')]))).toEqual({ a: 1 });
  });

  it('refuses a second byte order mark as not JSON, as before the move off Buffer', () => {
    expect(refusal(new Uint8Array([...BOM, ...BOM, ...encode('{"a":1}')]))).toEqual({
      code: 'ERR_BODY_NOT_JSON',
      message: 'body is not valid JSON',
    });
  });

  it.each([
    ['empty', new Uint8Array(0), 'ERR_BODY_NOT_JSON', 'body is empty; a JSON object was expected'],
    ['a lone continuation byte', new Uint8Array([0x7b, 0x80, 0x7d]), 'ERR_BODY_NOT_UTF8', 'body is not valid UTF-8'],
    ['a truncated sequence', new Uint8Array([0x7b, 0x7d, 0xe4, 0xbd]), 'ERR_BODY_NOT_UTF8', 'body is not valid UTF-8'],
    [
      'an encoded surrogate',
      new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]),
      'ERR_BODY_NOT_UTF8',
      'body is not valid UTF-8',
    ],
    ['an overlong slash', new Uint8Array([0x22, 0xc0, 0xaf, 0x22]), 'ERR_BODY_NOT_UTF8', 'body is not valid UTF-8'],
  ])('refuses %s', (_name, bytes, code, message) => {
    expect(refusal(bytes)).toEqual({ code, message });
  });

  it("calls a body UTF-8 exactly when node's isUtf8 does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        const notUtf8 = refusal(bytes)?.code === 'ERR_BODY_NOT_UTF8';
        expect(notUtf8).toBe(bytes.length > 0 && !isUtf8(bytes));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('prototype keys', () => {
  it.each([
    ['__proto__ at the top', '{"__proto__":{"polluted":1},"a":1}', { a: 1 }],
    ['__proto__ spelt with escapes', '{"\\u005f_proto__":{"polluted":1},"a":1}', { a: 1 }],
    ['__proto__ deep in an array', '{"a":[{"b":{"__proto__":{"x":1},"c":2}}]}', { a: [{ b: { c: 2 } }] }],
    ['a constructor with a prototype', '{"constructor":{"prototype":{"x":1}},"a":1}', { a: 1 }],
    ['a constructor without one, kept', '{"constructor":{"name":"x"}}', { constructor: { name: 'x' } }],
  ])('drops %s', (_name, json, expected) => {
    const value = parseBodyBytes(encode(json)) as Record<string, unknown>;
    expect(value).toEqual(expected);
    expect(Object.hasOwn(value, '__proto__')).toBe(false);
    expect(({ ...value } as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('cleans a body nested 100 000 levels deep without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}{"__proto__":{"x":1}}${']'.repeat(100_000)}`;
    let value = (parseBodyBytes(encode(`{"a":${deep}}`)) as { a: unknown }).a;
    for (let depth = 0; depth < 100_000; depth += 1) value = (value as unknown[])[0];
    expect(value).toEqual({});
  });

  it('agrees with secure-json-parse (remove, remove) on any JSON, prototype keys included', () => {
    const keys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', 'b');
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.string(),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(keys, tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value);
        expect(parseBodyBytes(encode(text))).toEqual(
          secureJson.parse(text, null, { protoAction: 'remove', constructorAction: 'remove' }),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
