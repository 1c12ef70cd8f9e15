import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretBox } from '../../server/auth/secret-box.js';

/**
 * server/auth/secret-box.ts on its own (OPS-7 keeps TOTP secrets in it): the staff tests seal only ASCII
 * base32 secrets, so the text encoding, the prefix test and the layout of a sealed value are checked here.
 */
describe('secret box', () => {
  const box = secretBox(randomBytes(32));

  it(`OPS-7: a sealed value opens to the same text (any characters) in its own context only, \
and says it is sealed`, () => {
    const text = 'Rahasia ☕ kopi — ß';
    const sealed = box.seal(text, 'staff:12');
    expect(sealed).toMatch(/^enc:v1:[\w-]+$/);
    expect(sealed).not.toContain('Rahasia');
    expect(box.isSealed(sealed)).toBe(true);
    expect(box.open(sealed, 'staff:12')).toBe(text);
    expect(() => box.open(sealed, 'staff:13')).toThrow();
    expect(() => secretBox(randomBytes(32)).open(sealed, 'staff:12')).toThrow();
    // A fresh IV every time: the same text seals differently.
    expect(box.seal(text, 'staff:12')).not.toBe(sealed);
  });

  it(`OPS-7: a value without the prefix is legacy plaintext, answered as it is, even one that \
ends in it`, () => {
    for (const legacy of ['JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXPenc:v1:', ''])
      expect([box.open(legacy, 'staff:12'), box.isSealed(legacy)]).toEqual([legacy, false]);
  });

  it('OPS-7: a sealed value with one byte changed anywhere (IV, tag or body) does not open', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'staff:12');
    const raw = Buffer.from(sealed.slice('enc:v1:'.length), 'base64url');
    // 12 bytes of IV, 16 of tag, then the body.
    for (const at of [0, 11, 12, 27, 28, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at]! ^= 1;
      expect(() => box.open(`enc:v1:${bad.toString('base64url')}`, 'staff:12'), `byte ${at}`).toThrow();
    }
    expect(raw.length).toBe(12 + 16 + 'JBSWY3DPEHPK3PXP'.length);
  });
});
