/**
 * Jest reporter that records each run's pass/fail counts in tmp/test-counts/, so that the test
 * script can print one summed `N passed, N failed` line over every project (CI counts it).
 */
const fs = require('node:fs');
const path = require('node:path');

class JestCountReporter {
  constructor(globalConfig) {
    this.rootDir = path.join(__dirname, '../..');
    this.name = `${process.pid}-${Date.now()}`;
    this.projects = (globalConfig.projects ?? []).join(',');
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(this.rootDir, 'tmp/test-counts');
    fs.mkdirSync(dir, { recursive: true });
    const record = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      cwd: process.cwd(),
      argv: process.argv.slice(2).join(' '),
    };
    fs.writeFileSync(path.join(dir, `${this.name}.json`), JSON.stringify(record));
  }
}

module.exports = JestCountReporter;
