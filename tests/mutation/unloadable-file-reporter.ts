import type { RunnerTask, RunnerTestCase } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';

/**
 * A vitest reporter for mutation runs only (vitest.config.ts adds it when Stryker runs the tests).
 *
 * Stryker's vitest runner (9.6.1; stryker-js issue 6150) builds a mutant's result from the tests vitest
 * collected. A test file whose import throws collects none, so a mutant that stops a module from loading
 * (a machine defined as `{}`, a schema that throws at import) was counted as survived, although the test
 * file fails when run by hand. The same holds for a file whose own `beforeAll` fails (the app cannot be
 * built): its tests are skipped without a result. When the run ends, this reporter gives a file that failed
 * while none of its tests did one failed test carrying the file's own error; any other file is left as it is.
 */
export default class UnloadableFileReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== 'fail' || file.tasks.some(hasFailedTest)) continue;
      const name = 'the test file loads and sets up';
      const test = {
        type: 'test',
        id: `${file.id}_unloadable`,
        name,
        fullName: `${file.name} > ${name}`,
        fullTestName: name,
        mode: 'run',
        file,
        suite: file,
        meta: {},
        annotations: [],
        artifacts: [],
        timeout: 0,
        result: { state: 'fail', errors: file.result.errors ?? [] },
        // vitest types a test with a context only its runner builds; nothing reads it after the run.
        context: undefined,
      } as unknown as RunnerTestCase;
      file.tasks.push(test);
    }
  }
}

function hasFailedTest(task: RunnerTask): boolean {
  if (task.type === 'suite') return task.tasks.some(hasFailedTest);
  return task.result?.state === 'fail';
}
