import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, after vitest's own
 * report, so tools that read a run's last lines can count the tests without parsing colours.
 * Failures outside any test count as failures too: a test file that could not load, a failed
 * beforeAll or afterAll (a missing database), an unhandled error, or a run that was interrupted.
 * Tests that never ran because their suite failed count as skipped, so the line can never read
 * "0 failed" for a run that failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: readonly TestModule[],
    unhandledErrors: readonly SerializedError[],
    reason: TestRunEndReason,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length + (reason === 'interrupted' ? 1 : 0);
    let skipped = 0;
    for (const module of testModules) {
      // A module's own errors: it did not load, or a hook at its top level failed.
      failed += module.errors().length;
      for (const suite of module.children.allSuites()) failed += suite.errors().length;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
