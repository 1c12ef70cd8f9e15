import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, pgliteExtensions, pgliteStartParams } from '../../db/connect.js';
import { migrateToLatest, migrationNames } from '../../db/migrate.js';
import { migratedTemplate } from '../../db/pglite-template.js';

// Issue #15: a new PGlite data folder is a copy of a migrated one instead of initdb and every migration.
describe('a new PGlite data folder', () => {
  it('starts migrated from the cached template, and is a copy of it, not the template itself', async () => {
    const template = await migratedTemplate(pgliteExtensions, pgliteStartParams);
    expect(existsSync(path.join(template, 'PG_VERSION'))).toBe(true);
    const root = mkdtempSync(path.join(os.tmpdir(), 'pasar-template-'));
    try {
      const first = await connect({ dataDir: path.join(root, 'a') });
      try {
        // Nothing left to apply: the folder arrived with every migration of this code.
        expect(await migrateToLatest(first.db)).toEqual([]);
        const applied = await first.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute();
        expect(applied.map((r) => (r as { name: string }).name)).toEqual(await migrationNames());
        await sql`create table template_probe (x int)`.execute(first.db);
      } finally {
        await first.close();
      }
      const second = await connect({ dataDir: path.join(root, 'b') });
      try {
        const probe = await sql<{
          t: string | null;
        }>`select to_regclass('template_probe')::text as t`.execute(second.db);
        expect(probe.rows[0]?.t).toBeNull();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
