#!/usr/bin/env node
// `npm test`: type-check, then every level of tests (ARCHITECTURE.md "Tests"), and a summary of the counts.
//   unit + architecture   pure specs and dependency rules (parallel)
//   integration           each service against a real PostgreSQL (embedded, started by the run)
//   e2e                   services as processes with a real PostgreSQL and real Kafka brokers (one file at a time)
//   browser               the web console in headless Chromium against the standalone platform (one file at a time)
// Extra arguments go to every jest run (e.g. `npm test -- --testNamePattern directory`).
// `npm test -- --only=unit,integration` runs a subset of the levels (the type-check always runs).
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
const passThrough = args.filter((a) => a !== onlyArg);
const bin = (name) => join(root, 'node_modules', '.bin', name);

const stages = [
  {
    name: 'typecheck',
    // The web console is browser code with its own compiler settings (DOM, JSX, bundler resolution), and the browser
    // tests hand functions to the page (DOM types in Node code).
    run: () =>
      ['tsconfig.json', 'apps/console/web/tsconfig.json', 'test/browser/tsconfig.json'].every((project) =>
        run('typecheck', bin('tsc'), ['-p', project, '--noEmit']),
      ),
  },
  { name: 'unit', jest: ['--selectProjects', 'unit', 'architecture'] },
  { name: 'integration', jest: ['--selectProjects', 'integration'] },
  { name: 'e2e', jest: ['--selectProjects', 'e2e', '--runInBand'] },
  // The web console in Debian's Chromium against the standalone platform (test/browser).
  { name: 'browser', jest: ['--selectProjects', 'browser', '--runInBand'] },
];

const outDir = mkdtempSync(join(tmpdir(), 'credit-share-test-'));
const results = [];
let failed = false;

for (const stage of stages) {
  if (only && stage.name !== 'typecheck' && !only.includes(stage.name)) continue;
  if (stage.run) {
    const ok = stage.run();
    results.push({ stage: stage.name, ok });
    failed ||= !ok;
    if (!ok) break; // tests of code that does not type-check are not worth running
    continue;
  }
  const report = join(outDir, `${stage.name}.json`);
  const ok = run(stage.name, bin('jest'), [...stage.jest, '--ci', '--json', `--outputFile=${report}`, ...passThrough]);
  let counts = { total: 0, passed: 0, failed: 0, skipped: 0, suites: 0 };
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts = {
      total: json.numTotalTests,
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
      suites: json.numTotalTestSuites,
    };
  } catch {
    // jest could not even write its report (e.g. global setup failed): the stage failed.
  }
  const stageOk = ok && counts.failed === 0;
  results.push({ stage: stage.name, ok: stageOk, ...counts });
  failed ||= !stageOk;
}
rmSync(outDir, { recursive: true, force: true });

const lines = ['', 'Test summary', '  stage          suites   tests  passed  failed skipped'];
let totals = { suites: 0, total: 0, passed: 0, failed: 0, skipped: 0 };
for (const r of results) {
  if (r.total === undefined) {
    lines.push(`  ${r.stage.padEnd(14)} ${r.ok ? 'ok' : 'FAILED'}`);
    continue;
  }
  lines.push(
    `  ${r.stage.padEnd(14)} ${String(r.suites).padStart(6)} ${String(r.total).padStart(7)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${String(r.skipped).padStart(7)}${r.ok ? '' : '   FAILED'}`,
  );
  for (const k of Object.keys(totals)) totals[k] += r[k];
}
lines.push(
  `  ${'total'.padEnd(14)} ${String(totals.suites).padStart(6)} ${String(totals.total).padStart(7)} ${String(totals.passed).padStart(7)} ${String(totals.failed).padStart(7)} ${String(totals.skipped).padStart(7)}`,
);
lines.push(failed ? '\nFAILED' : '\nall tests passed');
process.stdout.write(lines.join('\n') + '\n');
process.exit(failed ? 1 : 0);

function run(name, command, commandArgs) {
  process.stdout.write(`\n=== ${name}: ${[command.replace(root + '/', ''), ...commandArgs].join(' ')}\n`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.error) process.stderr.write(`${name}: ${result.error.message}\n`);
  return result.status === 0;
}
