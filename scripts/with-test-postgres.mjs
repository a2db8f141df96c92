#!/usr/bin/env node
// Runs the given commands in order (each through the shell, stopping at the first failure) with a throwaway
// PostgreSQL server for the shared-store tests: ATELIER_TEST_PG_URL points at it. An ATELIER_TEST_PG_URL already set
// is used as it is; without one, scripts/pg-test-cluster.sh starts a cluster (installing Debian's postgresql package
// when missing and allowed) and stops it at the end whatever happens. When no server can be had, the commands run
// without it and the PostgreSQL variants of the tests report themselves skipped.
//
//   node scripts/with-test-postgres.mjs "npm run test:unit" "npm run test:e2e"
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: with-test-postgres.mjs "COMMAND" ["COMMAND"...]');
  process.exit(2);
}
const cluster = join(dirname(fileURLToPath(import.meta.url)), 'pg-test-cluster.sh');
const env = { ...process.env };
let dataDir = null;

if (env.ATELIER_TEST_PG_URL === undefined) {
  try {
    const exports = execFileSync('bash', [cluster, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    for (const line of exports.split('\n')) {
      const match = /^export (\w+)=(.*)$/.exec(line);
      if (match) env[match[1]] = match[2];
    }
    dataDir = env.ATELIER_TEST_PG_DIR ?? null;
  } catch {
    console.warn('PostgreSQL indisponible : les tests de la base partagée seront signalés comme ignorés.');
  }
}

let status = 0;
try {
  for (const command of commands) {
    const result = spawnSync(command, { shell: true, stdio: 'inherit', env });
    status = result.status ?? 1;
    if (status !== 0) break;
  }
} finally {
  if (dataDir !== null) spawnSync('bash', [cluster, 'stop', dataDir], { stdio: 'inherit' });
}
process.exit(status);
