import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import UnloadableFileReporter from './unloadable-file-reporter.js';

/**
 * The reporter that makes Stryker count a test file that cannot load as a failed test, tried on a real vitest
 * run of two files written here: one that throws when it loads, one that loads and passes.
 */
describe('mutation runs: a test file that cannot load is a failed test (no rule id in the rulebook)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('a file that throws at import gets a failed test with its error; one that loaded is left', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pasar-reporter-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'broken.test.mjs'), "throw new Error('machine definition is empty');\n");
    await writeFile(
      path.join(dir, 'fine.test.mjs'),
      "import { it, expect } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\n",
    );
    const vitest = await startVitest('test', [], {
      root: dir,
      config: false,
      watch: false,
      include: ['*.test.mjs'],
      reporters: [new UnloadableFileReporter()],
    });
    try {
      const files = vitest.state.getFiles();
      const broken = files.find((f) => f.name.endsWith('broken.test.mjs'));
      const fine = files.find((f) => f.name.endsWith('fine.test.mjs'));
      expect(broken?.tasks).toHaveLength(1);
      const test = broken!.tasks[0]!;
      expect(test).toMatchObject({ type: 'test', name: 'the test file loads', mode: 'run' });
      expect(test.result?.state).toBe('fail');
      expect(test.result?.errors?.[0]?.message).toMatch(/machine definition is empty/);
      expect(test.file).toBe(broken);
      expect(fine?.tasks.map((t) => [t.name, t.result?.state])).toEqual([['adds', 'pass']]);
    } finally {
      await vitest.close();
      process.exitCode = 0; // startVitest marks the process failed for the broken file; this test passed
    }
  });
});
