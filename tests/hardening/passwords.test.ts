import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { PASSWORD, useTestApp } from '../helpers/context.js';

/**
 * The password rules of server/auth/passwords.ts, through registration and staff creation: ACC-3's shape
 * with its messages, the guessability check (issue #13) and the parts of the owner's name, username and
 * email a password must not contain. Each registration comes from its own address (a trusted proxy on
 * loopback), so the per-address registration limit stays out of the way.
 */
const t = useTestApp({ env: { PASAR_TRUST_PROXY: 'loopback' } });
const STRONG = 'Kopi-Tubruk-Manis-7';
let n = 0;

function register(body: Record<string, unknown>) {
  n++;
  return request(t.app)
    .post('/api/v1/auth/register')
    .set('X-Forwarded-For', `198.51.100.${n}`)
    .send({ name: 'Budi Santoso', email: `pw${n}@example.test`, username: `pwuser${n}`, ...body });
}

/** The message on `body.password`, or null when the registration went through. */
async function passwordError(body: Record<string, unknown>) {
  const res = await register(body);
  if (res.status === 201) return null;
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const error = (res.body.errors as { field: string; message: string }[]).find(
    (e) => e.field === 'body.password',
  );
  return error?.message ?? JSON.stringify(res.body.errors);
}

describe('password rules', () => {
  it('ACC-3: each missing part of a password is named: length, upper-case letter, digit', async () => {
    expect(await passwordError({ password: 'Short1' })).toBe('Password must be at least 8 characters');
    expect(await passwordError({ password: 'alllowercase1' })).toBe(
      'Password must contain an upper-case letter',
    );
    expect(await passwordError({ password: 'NoDigitsHere' })).toBe('Password must contain a digit');
    const longest = `${STRONG}-`.repeat(10).slice(0, 200);
    expect(await passwordError({ password: `${longest}x` })).toBe('Password must be at most 200 characters');
    expect(await passwordError({ password: longest })).toBeNull();
  });

  it(`ACC-3: a password an attacker would guess early is refused with the reason, if any; one \
of middling strength (zxcvbn score 3) is accepted`, async () => {
    expect(await passwordError({ password: 'Kopi1234' })).toBe(
      'Password is too easy to guess; try a few unrelated words',
    );
    expect(await passwordError({ password: 'Password1' })).toBe(
      'Password is too easy to guess: This is a commonly used password.; try a few unrelated words',
    );
    expect(await passwordError({ password: 'Mangotree7' })).toBeNull();
  });

  it(`ACC-3: a password may not contain a part of 3 or more characters of the name, the username or \
either side of the email's separators, in any case`, async () => {
    const personal = 'Password must not contain your name, username or email';
    expect(await passwordError({ name: 'Ani Lestari', password: 'Kopi-ANI-Bagus-7' })).toBe(personal);
    expect(await passwordError({ name: 'Siti-Manis', password: STRONG })).toBe(personal);
    expect(await passwordError({ username: 'manis', password: STRONG })).toBe(personal);
    expect(await passwordError({ email: 'rasa+tubruk@example.test', password: STRONG })).toBe(personal);
    expect(await passwordError({ email: 'tubruk.rasa@example.test', password: STRONG })).toBe(personal);
    // Two characters are not a part.
    expect(await passwordError({ name: 'Tb Lestari', password: 'Kopi-Tb-Manis-77' })).toBeNull();
  });

  it(`staff passwords need 12 characters: 11 are refused with the reason, 12 accepted \
(issue #13)`, async () => {
    const admin = await t.staff('admin');
    const create = (i: number, password: string) =>
      admin.post('/api/admin/staff', {
        email: `pw-staff${i}@staff.test`,
        name: `Staff ${i}`,
        role: 'support',
        password,
      });
    const short = await create(1, 'Kopi#Tubru9');
    expect(short.status).toBe(400);
    expect(short.body.errors).toContainEqual(
      expect.objectContaining({
        field: 'body.password',
        message: 'Staff passwords must be at least 12 characters',
        code: 'custom',
      }),
    );
    const twelve = await create(2, 'Kopi#Tubru9x');
    expect(twelve.status, JSON.stringify(twelve.body)).toBe(201);
    // A change that leaves the password alone has nothing to check.
    const change = await admin.put(`/api/admin/staff/${twelve.body.id}`, { active: false, reason: 'left' });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    // A new password alone, without the name or email in the body: nothing of theirs to compare it with.
    const reset = await admin.put(`/api/admin/staff/${twelve.body.id}`, {
      password: 'Was-Here-Kopi-Tubruk-7',
      reason: 'password reset',
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
  });

  it(`passwords are hashed with argon2id at OWASP's baseline (19 MiB, 2 passes, 1 lane); a stored \
value that is no hash opens nothing (no rule id in the rulebook)`, async () => {
    const u = await t.user();
    const row = await t.ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await t.ctx.db.updateTable('users').set({ password_hash: 'not-a-hash' }).where('id', '=', u.id).execute();
    for (const password of [PASSWORD, 'not-a-hash', ''])
      expect(
        (
          await request(t.app)
            .post('/api/v1/auth/login')
            .send({ email: u.email, password: password || 'x' })
        ).status,
      ).toBe(401);
  });
});
