import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { connect } from '../../db/connect.js';
import { verifyPassword } from '../../server/auth/passwords.js';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

async function script(file: string, args: string[], env: Record<string, string>) {
  try {
    const r = await run(tsx, [file, ...args], {
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run staff:create', () => {
  it(`creates a staff account in the configured embedded database, refuses a \
duplicate and bad input`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pasar-staff-'));
    try {
      const env = { PASAR_DATA_DIR: dir, DATABASE_URL: '' };
      const args = [
        '--email',
        'First.Admin@example.test',
        '--name',
        'First Admin',
        '--role',
        'admin',
        '--password',
        'Pertama-Kopi-2026',
      ];
      const ok = await script('scripts/staff-create.ts', args, env);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/Created admin first\.admin@example\.test/);
      const again = await script('scripts/staff-create.ts', args, env);
      expect(again.code).toBe(1);
      const bad = await script(
        'scripts/staff-create.ts',
        ['--email', 'x@example.test', '--name', 'X', '--role', 'boss', '--password', 'short'],
        env,
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--role/);
      expect(bad.stderr).toMatch(/--password/);
      const handle = await connect({ dataDir: dir });
      try {
        const rows = await handle.db.selectFrom('staff').selectAll().execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ email: 'first.admin@example.test', role: 'admin' });
        expect(await verifyPassword(rows[0]!.password_hash, 'Pertama-Kopi-2026')).toBe(true);
        const audited = await handle.db.selectFrom('audit_log').select(['action', 'actor_type']).execute();
        expect(audited).toEqual([{ action: 'staff.create', actor_type: 'system' }]);
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it(`MNY-4: npm run ledger:check passes on sound books and exits 1 when a \
balance drifts from its postings`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pasar-ledger-'));
    try {
      const env = { PASAR_DATA_DIR: dir, DATABASE_URL: '' };
      const ok = await script('scripts/ledger-check.ts', [], env);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/Ledger OK/);
      const handle = await connect({ dataDir: dir });
      // A user account whose kept balance says 5 with no posting behind it (a platform account out of step
      // is tested in tests/marketplace/platform-balances.test.ts).
      const { rows } = await sql<{ id: number }>`insert into users (name, username, email, password_hash,
          status, created_at) values ('Drift', 'drift', 'drift@example.test', 'x', 'active', now())
          returning id`.execute(handle.db);
      await handle.db
        .insertInto('ledger_accounts')
        .values({
          code: `user:${rows[0]!.id}:credit`,
          kind: 'credit',
          balance: 5,
          created_at: new Date(),
          user_id: rows[0]!.id,
          milestone_id: null,
        })
        .execute();
      await handle.close();
      const bad = await script('scripts/ledger-check.ts', [], env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/DRIFT: user:\d+:credit/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses to start with PASAR_TEST_CLOCK=1 in production', async () => {
    const r = await script('scripts/migrate.ts', [], {
      NODE_ENV: 'production',
      PASAR_TEST_CLOCK: '1',
      SESSION_SECRET: 'x',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PASAR_TEST_CLOCK/);
  });
});

describe('npm start (the bundle in dist/v<time>/)', () => {
  it('finds the built console at the project root, not beside the bundle', async () => {
    const { projectRoot, consoleDist } = await import('../../server/app.js');
    const root = mkdtempSync(path.join(os.tmpdir(), 'pasar-root-'));
    try {
      const bundleDir = path.join(root, 'dist', 'v1795512661647');
      mkdirSync(bundleDir, { recursive: true });
      writeFileSync(path.join(root, 'package.json'), '{}');
      expect(projectRoot(bundleDir)).toBe(root);
      expect(projectRoot(path.join(root, 'server'))).toBe(root);
      expect(consoleDist).toBe(path.resolve('console/dist'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
