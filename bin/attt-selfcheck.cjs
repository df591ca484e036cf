#!/usr/bin/env node
// Runs the bundled CLI when it has been built (npm run build:cli), else the TypeScript source
// through tsx, so `npm run check` works straight after `npm install`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const bundled = path.join(__dirname, '..', 'out', 'cli', 'attt-selfcheck.cjs');
const source = path.join(__dirname, '..', 'src', 'cli', 'index.ts');
if (fs.existsSync(source)) {
  require('tsx/cjs/api').register();
  require(source);
} else {
  require(bundled);
}
