import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { rendererAliases } from './electron.vite.config';

/** Keys of the stores tests create (audit chain) in a temp folder, never in the user's own key folder. */
const KEY_DIR = process.env.ATELIER_KEY_DIR ?? mkdtempSync(join(tmpdir(), 'atelier-cles-'));

/**
 * Tests whose stores are `TempStore`s (src/main/testing/temp-store.ts) that the `postgres` project runs again with
 * every such store on the test PostgreSQL server: the store's own modules, the services that write or read it in
 * their own way (review and its teams' rules, campaigns, exports, attestations, audit, maps, declarations, statistics,
 * privacy, AOM), the job runner, and imports (two at once, killed, re-imported). Tests about SQLite itself (file,
 * PRAGMAs, schema snapshot) stay in `node` only, as do those whose store is incidental to what they test (file
 * formats, workbooks, page figures built on the statistics compared row for row in `db/stats-refresh.test.ts`): the
 * suite then stays within the CI's time.
 */
const STORE_TESTS = [
  'src/main/db/**/*.test.ts', 'src/main/jobs/*.test.ts', 'src/main/extracts/import-job.test.ts', 'src/main/extracts/import-extract.test.ts',
  ...['review', 'review-teams', 'review-engines', 'campaign', 'export', 'attestation', 'audit', 'map', 'declaration', 'stats', 'privacy', 'aom', 'store-choice']
    .map((name) => `src/main/services/${name}${name.startsWith('review-') ? '' : '-service'}.test.ts`),
  'src/main/services/audit-keys.test.ts',
];
const SQLITE_ONLY_TESTS = ['src/main/db/migrations.test.ts', 'src/main/db/connection.test.ts', 'src/main/db/pg-executor.test.ts'];
/** Tests that open a store of each engine themselves (`STORE_ENGINES`): the `node` project already runs both. */
const BOTH_ENGINES_TESTS = [
  'src/main/db/simulation-engines.test.ts', 'src/main/db/stats-refresh.test.ts', 'src/main/db/trip-insert.test.ts', 'src/main/db/pg-copy.test.ts',
  'src/main/services/review-engines.test.ts',
];

/**
 * Projects: Node for main/shared/CLI code on real SQLite files; `postgres`, the store's tests again on a real
 * PostgreSQL server (only when `ATELIER_TEST_PG_URL` names one: `scripts/with-test-postgres.mjs` starts one for
 * `npm test`); happy-dom for renderer components.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/main/**/*.test.ts', 'src/shared/**/*.test.ts', 'tests/**/*.test.ts'],
          testTimeout: 60_000,
          env: { ATELIER_KEY_DIR: KEY_DIR },
          hookTimeout: 60_000,
        },
      },
      ...(process.env.ATELIER_TEST_PG_URL === undefined
        ? []
        : [
            {
              test: {
                name: 'postgres',
                environment: 'node',
                include: STORE_TESTS,
                exclude: [...SQLITE_ONLY_TESTS, ...BOTH_ENGINES_TESTS],
                testTimeout: 60_000,
                env: { ATELIER_KEY_DIR: KEY_DIR, ATELIER_TEST_STORE_ENGINE: 'postgres' },
                hookTimeout: 60_000,
              },
            },
          ]),
      {
        plugins: [vue()],
        resolve: { alias: rendererAliases },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.ts'],
        },
      },
    ],
  },
});
