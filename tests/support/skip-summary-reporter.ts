// Prints, after vitest's own summary, exactly which tests were skipped and why, then one plain
// "N passed, N failed, N skipped" line: a machine without PostgreSQL must say plainly what it did not run.
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed += 1;
        else if (result.state === 'failed') failed += 1;
        else {
          const note = result.state === 'skipped' && result.note ? ` (${result.note})` : '';
          skipped.push(`  - ${module.moduleId.replace(process.cwd() + '/', '')} › ${test.fullName}${note}`);
        }
      }
    }
    const lines: string[] = [''];
    if (skipped.length > 0) {
      lines.push(`SKIPPED ${skipped.length} test(s):`, ...skipped);
    }
    lines.push(`Tests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
    process.stdout.write(lines.join('\n') + '\n');
  }
}
