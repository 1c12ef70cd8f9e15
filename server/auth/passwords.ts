import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1).
// algorithm 2 is Argon2id (@node-rs/argon2's Algorithm is an ambient const enum).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-0');
  return dummyHash;
}

/** ACC-3: at least 8 characters, one upper-case letter and one digit. */
export const passwordSchema = z
  .string()
  .min(8, 'Password must be at least 8 characters')
  .max(200, 'Password must be at most 200 characters')
  .regex(/[A-Z]/, 'Password must contain an upper-case letter')
  .regex(/[0-9]/, 'Password must contain a digit');

/** Staff accounts reach money and personal data: a longer minimum than ACC-3's (issue #13). */
export const STAFF_MIN_LENGTH = 12;

let estimator: ZxcvbnFactory | undefined;
function guessability(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

/** What a password must not be made of: the account's own name, username and email. */
export interface PasswordOwner {
  name?: string | undefined;
  username?: string | undefined;
  email?: string | undefined;
}

function personalParts(owner: PasswordOwner): string[] {
  const local = owner.email?.split('@')[0];
  return [
    owner.username,
    local,
    ...(owner.name ?? '').split(/[^\p{L}\p{N}]+/u),
    ...(local ?? '').split(/[._+-]/),
  ]
    .map((p) => p?.trim().toLowerCase() ?? '')
    .filter((p) => p.length >= 3);
}

/**
 * Besides ACC-3's shape: refuses a password an attacker would guess early (zxcvbn score below 3, with its
 * common-password and English dictionaries and the owner's own words), one containing the owner's name,
 * username or email, and a staff password shorter than 12 characters. Answers the reason, or null.
 */
export function passwordWeakness(password: string, owner: PasswordOwner, opts: { staff?: boolean } = {}) {
  if (opts.staff && password.length < STAFF_MIN_LENGTH)
    return `Staff passwords must be at least ${STAFF_MIN_LENGTH} characters`;
  const lower = password.toLowerCase();
  const parts = personalParts(owner);
  if (parts.some((p) => lower.includes(p))) return 'Password must not contain your name, username or email';
  const { score, feedback } = guessability().check(password, parts);
  if (score < 3)
    return (
      `Password is too easy to ` +
      `guess${feedback.warning ? `: ${feedback.warning}` : ''}; try a few unrelated words`
    );
  return null;
}

/** Adds the weakness, if any, as a field error on `path` of an object schema's refinement. */
export function refusePasswordWeakness(
  ctx: z.RefinementCtx,
  c: { password: string | undefined; owner: PasswordOwner; path: string; staff?: boolean },
): void {
  const { password, owner, path } = c;
  const opts = { staff: c.staff };
  if (password === undefined) return;
  const weakness = passwordWeakness(password, owner, opts);
  if (weakness) ctx.addIssue({ code: 'custom', path: [path], message: weakness });
}
