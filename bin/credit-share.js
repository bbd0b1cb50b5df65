#!/usr/bin/env node
// `npx credit-share <command>`: runs the compiled CLI (built by `npm ci` through the prepare script, or `npm run build`).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('credit-share is not built yet: run `npm run build` (npm ci does it for you).\n');
  process.exit(2);
}
require(entry);
