import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import UnloadableFileReporter from './unloadable-file-reporter.js';

/**
 * The reporter that makes Stryker count a test file that cannot load as a failed test, tried on a real vitest
 * run of files written here: one that throws when it loads, one whose set-up fails, one whose test fails and
 * one that passes.
 */
describe('mutation runs: a test file that cannot load is a failed test (no rule id in the rulebook)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('a file that fails to load or set up gets a failed test with its error; any other is left', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pasar-reporter-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'broken.test.mjs'), "throw new Error('machine definition is empty');\n");
    await writeFile(
      path.join(dir, 'setup.test.mjs'),
      "import { beforeAll, describe, it } from 'vitest';\n" +
        "beforeAll(() => { throw new Error('the app cannot be built'); });\n" +
        "describe('flows', () => { it('pays', () => {}); });\n",
    );
    await writeFile(
      path.join(dir, 'failing.test.mjs'),
      "import { it, expect } from 'vitest';\nit('refuses', () => expect(1).toBe(2));\n",
    );
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
      const file = (name: string) => files.find((f) => f.name.endsWith(name))!;
      const added = (name: string) =>
        file(name).tasks.filter((t) => t.name === 'the test file loads and sets up');
      const broken = file('broken.test.mjs');
      expect(broken.tasks).toHaveLength(1);
      const test = broken.tasks[0]!;
      expect(test).toMatchObject({ type: 'test', name: 'the test file loads and sets up', mode: 'run' });
      expect(test.result?.state).toBe('fail');
      expect(test.result?.errors?.[0]?.message).toMatch(/machine definition is empty/);
      expect(test.file).toBe(broken);
      // A file-level beforeAll that throws: its tests were skipped, the added test carries the hook's error.
      const [setUp] = added('setup.test.mjs');
      expect(setUp?.result?.state).toBe('fail');
      expect(setUp?.result?.errors?.[0]?.message).toMatch(/the app cannot be built/);
      // A file whose own test failed, and a file that passed, are left as they were.
      expect(file('failing.test.mjs').tasks.map((t) => [t.name, t.result?.state])).toEqual([
        ['refuses', 'fail'],
      ]);
      expect(file('fine.test.mjs').tasks.map((t) => [t.name, t.result?.state])).toEqual([['adds', 'pass']]);
    } finally {
      await vitest.close();
      process.exitCode = 0; // startVitest marks the process failed for the failing files; this test passed
    }
  });
});
