// Our SHA-256 against NIST's published vectors, Tencent's worked Sign example, and node:crypto for
// any text, including lengths around the 55/56/64-byte block edges and multi-byte characters.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../lib/protocol/sha256';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
    // Tencent's worked example (1047/34354): Token xxxxyyyy, RequestTime 1669872112.
    ['xxxxyyyy1669872112', '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061'],
  ])('hashes NIST vector %#', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  it('agrees with node:crypto around the block edges', () => {
    for (let length = 0; length <= 200; length += 1) {
      const text = 'x'.repeat(length);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('agrees with node:crypto for any text, as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 1000 },
    );
  });
});
