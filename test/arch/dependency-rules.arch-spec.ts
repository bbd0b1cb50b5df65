// The dependency rules of .dependency-cruiser.js, applied to the real tree and, one by one, to the fixtures under
// test/arch/fixtures/<rule-name>/ that break them (ARCHITECTURE.md: "each with a fixture proving the rule fails when
// broken"). A fixture mirrors the repository layout and is cruised from its own root with the same configuration, so
// paths read `apps/...`/`libs/...` exactly as in the real run; its tsconfig.json extends the root one and points the
// @credit-share/* aliases at the fixture's own libs.
//
// dependency-cruiser is ESM-only (its package exports only an `import` condition). Jest runs tests in a vm context
// where native `import()` needs --experimental-vm-modules, and jest's own `require` cannot load .mjs, so the cruises
// run in one child Node process that prints the violations as JSON.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CONFIG_FILE = join(ROOT, '.dependency-cruiser.js');
const FIXTURES_DIR = join(__dirname, 'fixtures');

interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
  readonly cycle: readonly string[];
}

interface CruiseRequest {
  readonly baseDir: string;
  readonly targets: readonly string[];
}

/**
 * Exactly the violations each fixture must produce, as `rule: from → to`. Exact, not "at least": a fixture violates
 * only its own rule, and the allowed neighbours it contains (a composition app importing a service, plumbing using
 * Nest, a spec using libs/testing, a type-only cycle) must not be flagged. An npm target is shown by package name.
 */
const FIXTURE_VIOLATIONS: Record<string, readonly string[]> = {
  'no-cross-service-imports': [
    'no-cross-service-imports: apps/joint-supervision/src/grading/grade.ts → apps/credit-records/src/subject/uscc.ts',
    'no-cross-service-imports: apps/credit-records/src/credit-records.module.ts → apps/standalone/src/standalone.config.ts',
  ],
  'libs-do-not-import-apps': ['libs-do-not-import-apps: libs/messaging/src/relay.ts → apps/credit-records/src/publish.ts'],
  'pure-domain': [
    'pure-domain: apps/credit-records/src/record/record.ts → @nestjs/common',
    'pure-domain: apps/credit-records/src/record/record.ts → pg',
    'pure-domain: apps/credit-records/src/record/record.ts → libs/messaging/src/index.ts',
  ],
  'contracts-are-pure': [
    'contracts-are-pure: libs/contracts/src/index.ts → @nestjs/common',
    'contracts-are-pure: libs/contracts/src/index.ts → libs/event-store/src/index.ts',
  ],
  'services-do-not-use-test-or-local-infra': [
    'services-do-not-use-test-or-local-infra: apps/credit-profiles/src/profile/profile.handlers.ts → libs/testing/src/index.ts',
    'services-do-not-use-test-or-local-infra: apps/credit-profiles/src/main.ts → libs/local-infra/src/index.ts',
  ],
  'libs-do-not-use-testing': ['libs-do-not-use-testing: libs/event-store/src/pg-event-store.ts → libs/testing/src/index.ts'],
  'no-circular': [
    'no-circular: apps/enforcement-coordination/src/alert/alert-policy.ts → apps/enforcement-coordination/src/alert/alert.ts',
  ],
  'console-web-is-browser-code': [
    'console-web-is-browser-code: apps/console/web/src/app.tsx → fs',
    'console-web-is-browser-code: apps/console/web/src/app.tsx → apps/credit-records/src/organization/organization.controller.ts',
    'console-web-is-browser-code: apps/console/web/src/app.tsx → pg',
  ],
  'not-to-unresolvable': [
    'not-to-unresolvable: apps/audit-ledger/src/ledger/merkle.ts → ./hash',
    'not-to-unresolvable: apps/audit-ledger/src/ledger/merkle.ts → @credit-share/contract',
  ],
};

// Runs in the child process (ESM). Reads {configFile, cruises} on stdin, writes one violation list per cruise.
const RUNNER = `
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const { configFile, cruises } = JSON.parse(readFileSync(0, 'utf8'));
const options = await extractDepcruiseOptions(configFile);
const results = [];
for (const { baseDir, targets } of cruises) {
  const tsConfigFile = options.tsConfig?.fileName ? resolve(baseDir, options.tsConfig.fileName) : undefined;
  const { output } = await cruise(
    targets,
    { ...options, baseDir, outputType: 'json', ...(tsConfigFile ? { tsConfig: { fileName: tsConfigFile } } : {}) },
    {},
    tsConfigFile ? { tsConfig: extractTSConfig(tsConfigFile) } : {},
  );
  const { summary } = JSON.parse(output);
  results.push(
    summary.violations.map((v) => ({
      rule: v.rule.name,
      from: v.from,
      to: v.to,
      cycle: (v.cycle ?? []).map((step) => step.name),
    })),
  );
}
process.stdout.write(JSON.stringify(results));
`;

function cruiseAll(requests: readonly CruiseRequest[]): Promise<Violation[][]> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '--eval', RUNNER],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`dependency-cruiser failed: ${error.message}\n${stderr}`));
        else resolvePromise(JSON.parse(stdout) as Violation[][]);
      },
    );
    child.stdin!.end(JSON.stringify({ configFile: CONFIG_FILE, cruises: requests }));
  });
}

/** `node_modules/@nestjs/common/index.d.ts` (or `../../../../node_modules/...` from a fixture) → `@nestjs/common`. */
function displayTarget(to: string): string {
  const npm = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(to);
  return npm ? npm[1]! : to;
}

function describeViolation(violation: Violation): string {
  const line = `${violation.rule}: ${violation.from} → ${displayTarget(violation.to)}`;
  return violation.cycle.length > 0 ? `${line} (cycle: ${[violation.from, ...violation.cycle].join(' → ')})` : line;
}

function withoutCycle(violation: Violation): string {
  return `${violation.rule}: ${violation.from} → ${displayTarget(violation.to)}`;
}

const ruleNames: string[] = (require(CONFIG_FILE) as { forbidden: { name: string }[] }).forbidden.map((r) => r.name);
const fixtureRules = Object.keys(FIXTURE_VIOLATIONS);
const realTargets = ['apps', 'libs'].filter((dir) => existsSync(join(ROOT, dir)));

let realViolations: Violation[];
const fixtureViolations = new Map<string, Violation[]>();

beforeAll(async () => {
  const results = await cruiseAll([
    { baseDir: ROOT, targets: realTargets },
    ...fixtureRules.map((rule) => ({
      baseDir: join(FIXTURES_DIR, rule),
      targets: ['apps', 'libs'].filter((dir) => existsSync(join(FIXTURES_DIR, rule, dir))),
    })),
  ]);
  realViolations = results[0]!;
  fixtureRules.forEach((rule, index) => fixtureViolations.set(rule, results[index + 1]!));
}, 30_000);

describe('dependency rules (.dependency-cruiser.js)', () => {
  it('hold for apps/ and libs/', () => {
    // On failure the diff lists each violation as `rule: from → to`; the rule's comment in .dependency-cruiser.js
    // says why it exists.
    expect(realViolations.map(describeViolation)).toEqual([]);
  });

  it('every rule has a fixture that breaks it, and every fixture belongs to a rule', () => {
    expect([...fixtureRules].sort()).toEqual([...ruleNames].sort());
    // A dependency-rule fixture is a directory with a tsconfig.json (process-env-outside-config is a source scan).
    const fixtureDirs = readdirSync(FIXTURES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES_DIR, entry.name, 'tsconfig.json')))
      .map((entry) => entry.name);
    expect(fixtureDirs.sort()).toEqual([...fixtureRules].sort());
  });

  it.each(fixtureRules)('%s fails on its fixture', (rule) => {
    const violations = fixtureViolations.get(rule)!;
    expect(violations.map((v) => v.rule)).toContain(rule);
    expect(violations.map(withoutCycle).sort()).toEqual([...FIXTURE_VIOLATIONS[rule]!].sort());
  });
});
