/**
 * Prints the one closing line CI counts: `N passed, N failed`, summed over every Jest run recorded
 * by jest-count-reporter.js. Nx tasks that failed without recording tests (lint, typecheck, a Jest
 * run that crashed before its first test) are passed in with --failed-tasks and count as failed.
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '../../tmp/test-counts');
const failedTasksArg = process.argv.indexOf('--failed-tasks');
const failedTasks = failedTasksArg > 0 ? Number(process.argv[failedTasksArg + 1] ?? 0) : 0;

let passed = 0;
let failed = 0;
let runs = 0;
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  const record = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  passed += record.passed;
  failed += record.failed;
  runs += 1;
}
if (failed === 0) failed = failedTasks;
if (runs === 0 && failed === 0) failed = 1; // no test ran at all: never report success
console.log(`${passed} passed, ${failed} failed`);
