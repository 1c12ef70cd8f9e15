import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Sealed values start with this; anything else is a value written before sealing existed. */
const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** AES-256-GCM with a fresh IV; `context` (e.g. `staff:12`) is bound as associated data. */
  seal(plaintext: string, context: string): string;
  /**
   * The plaintext of a sealed value; a value without the prefix is a legacy plaintext and is answered
   * as it is (callers re-seal it on their next write). A tampered value or a wrong key throws.
   */
  open(stored: string, context: string): string;
  /** Whether a stored value is sealed (legacy plaintext is not). */
  isSealed(stored: string): boolean;
}

export function secretBox(key: Buffer): SecretBox {
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(stored, context) {
      if (!stored.startsWith(PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}
