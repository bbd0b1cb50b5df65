// "Configuration is one validated class per app, the only reader of process.env, failing fast at boot"
// (ARCHITECTURE.md). Only `*.config.ts` files and libs/observability/src/telemetry.ts (OpenTelemetry must start from
// OTEL_* variables before the app and its configuration load) may read the environment. Test helpers (libs/testing, `*.fixture.ts`),
// tests and scripts/ are exempt. The scan parses each file with TypeScript, so comments and strings that merely
// mention process.env do not count, while `process.env.X`, `process['env']`, `const { env } = process` and
// `import { env } from 'node:process'` do.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(__dirname, 'fixtures', 'process-env-outside-config');

/** Directories holding code that ships; test/ and scripts/ are exempt, so they are not scanned. */
const SCANNED_DIRS = ['apps', 'libs', 'deploy', 'bin'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'fixtures']);
const SOURCE_FILE = /\.(ts|js|mjs|cjs)$/;
const ALLOWED_READER = [/\.config\.ts$/, /^libs\/observability\/src\/telemetry\.ts$/];
const EXEMPT = [/^libs\/testing\//, /\.(spec|int-spec|e2e-spec|fixture)\.ts$/, /\.d\.ts$/];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (SOURCE_FILE.test(entry.name)) yield full;
  }
}

const isProcessModule = (node: ts.Node): boolean =>
  ts.isStringLiteralLike(node) && (node.text === 'process' || node.text === 'node:process');

/** `process`, `globalThis.process`, `global.process`, `require('process')`. */
function isProcess(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === 'process';
  if (ts.isPropertyAccessExpression(node)) {
    return node.name.text === 'process' && ts.isIdentifier(node.expression) && /^(globalThis|global)$/.test(node.expression.text);
  }
  if (ts.isCallExpression(node)) {
    return (
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1 &&
      isProcessModule(node.arguments[0]!)
    );
  }
  return ts.isParenthesizedExpression(node) && isProcess(node.expression);
}

const bindsEnv = (pattern: ts.ObjectBindingPattern): boolean =>
  pattern.elements.some((element) => (element.propertyName ?? element.name).getText() === 'env');

/** Every place in the file that reads the environment, as `line: code`. */
function environmentReads(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const reads: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) reads.push(node);
    else if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      node.argumentExpression.text === 'env' &&
      isProcess(node.expression)
    ) {
      reads.push(node);
    } else if (
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer &&
      isProcess(node.initializer) &&
      bindsEnv(node.name)
    ) {
      reads.push(node);
    } else if (
      ts.isImportDeclaration(node) &&
      isProcessModule(node.moduleSpecifier) &&
      node.importClause?.namedBindings &&
      ts.isNamedImports(node.importClause.namedBindings) &&
      node.importClause.namedBindings.elements.some((element) => (element.propertyName ?? element.name).text === 'env')
    ) {
      reads.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return reads.map(
    (node) => `${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().split('\n')[0]}`,
  );
}

/** Files under `root` that read process.env without being allowed to, as `path:line: code`. */
function environmentReadersOutsideConfiguration(root: string): string[] {
  const offenders: string[] = [];
  for (const dir of SCANNED_DIRS) {
    if (!existsSync(join(root, dir))) continue;
    for (const file of sourceFiles(join(root, dir))) {
      const path = relative(root, file).split(sep).join('/');
      if (ALLOWED_READER.some((re) => re.test(path)) || EXEMPT.some((re) => re.test(path))) continue;
      const text = readFileSync(file, 'utf8');
      if (!text.includes('env')) continue;
      offenders.push(...environmentReads(file, text).map((read) => `${path}:${read}`));
    }
  }
  return offenders;
}

describe('configuration access', () => {
  it('only *.config.ts files and libs/observability/src/telemetry.ts read process.env', () => {
    // Move each read listed here into the app's configuration class and inject the value.
    expect(environmentReadersOutsideConfiguration(ROOT)).toEqual([]);
  });

  it('finds the reads outside configuration in its fixture, and only those', () => {
    expect(environmentReadersOutsideConfiguration(FIXTURE).sort()).toEqual(
      [
        'apps/credit-records/src/record/record.handlers.ts:2: process.env',
        "libs/auth/src/dev-issuer.ts:2: import { env } from 'node:process';",
        'libs/messaging/src/kafka.transport.ts:2: { env } = process',
        "libs/messaging/src/kafka.transport.ts:3: process['env']",
      ].sort(),
    );
  });
});
