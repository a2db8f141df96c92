#!/usr/bin/env node
'use strict';
// The CLI is bundled with the rest of the main-side code by `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write('Erreur : application non construite. Lancez « npm run build » dans le dossier du projet.\n');
  process.exit(1);
}
require(entry);
