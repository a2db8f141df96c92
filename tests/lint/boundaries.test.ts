import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves the process boundaries of docs/architecture.md §2/§6 and its data-access rules (where SQL, knex, sqlite3 and
 * the worker connection may appear) as encoded in eslint.config.mjs:
 * each case lints a snippet under a virtual path with the real config and checks the rule and message.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-syntax',
  'no-restricted-globals',
  'no-console',
  '@typescript-eslint/ban-ts-comment',
]);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `parse error in ${filePath}`).toEqual([]);
  return result.messages;
}

/** Only the messages of the boundary rules (other rules, e.g. no-unused-vars, are not under test here). */
async function boundaryErrors(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  return (await lint(filePath, code)).filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId));
}

interface Forbidden {
  file: string;
  code: string;
  rule: string;
  /** A fragment of the message that says why. */
  why: RegExp;
}

const ELECTRON = "import { app } from 'electron';\nexport const x = app;\n";
const KNEX = "import knex from 'knex';\nexport const x = knex;\n";
const SHELL = "import { shell } from 'electron';\nexport const open = (u: string) => shell.openExternal(u);\n";
const SQLITE = "import sqlite3 from 'sqlite3';\nexport const x = sqlite3;\n";
const WORKER_CONNECTION = "import { WorkerConnection } from '../../db/worker-connection';\nexport const x = WorkerConnection;\n";
const SQL = "export const q = 'SELECT id FROM trips';\n";

const FORBIDDEN: Forbidden[] = [
  // --- src/main/domain: pure TypeScript ---
  { file: 'src/main/domain/x.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /src\/main\/domain est du TypeScript pur/ },
  { file: 'src/main/domain/x.ts', code: KNEX, rule: 'no-restricted-imports', why: /src\/main\/domain/ },
  { file: 'src/main/domain/x.ts', code: "import sqlite3 from 'sqlite3';\nexport const x = sqlite3;\n", rule: 'no-restricted-imports', why: /src\/main\/domain/ },
  { file: 'src/main/domain/x.ts', code: "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n", rule: 'no-restricted-imports', why: /src\/main\/domain/ },
  { file: 'src/main/domain/x.ts', code: "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n", rule: 'no-restricted-imports', why: /API Node/ },
  { file: 'src/main/domain/x.ts', code: "import { createHash } from 'node:crypto';\nexport const x = createHash;\n", rule: 'no-restricted-imports', why: /API Node/ },
  { file: 'src/main/domain/x.ts', code: "import { readFile } from 'fs/promises';\nexport const x = readFile;\n", rule: 'no-restricted-imports', why: /API Node/ },
  { file: 'src/main/domain/x.ts', code: "export const x = () => import('node:worker_threads');\n", rule: 'no-restricted-syntax', why: /src\/main\/domain/ },
  { file: 'src/main/domain/x.ts', code: 'export const x = (): string => window.location.href;\n', rule: 'no-restricted-globals', why: /src\/main\/domain/ },
  { file: 'src/main/domain/x.ts', code: "export const x = (): string | undefined => process.env['TZ'];\n", rule: 'no-restricted-globals', why: /src\/main\/domain/ },

  // --- src/shared: loaded by main, preload and renderer ---
  { file: 'src/shared/x.ts', code: "import fs from 'node:fs';\nexport const x = fs;\n", rule: 'no-restricted-imports', why: /src\/shared est chargé/ },
  { file: 'src/shared/util/x.ts', code: "import path from 'path';\nexport const x = path;\n", rule: 'no-restricted-imports', why: /src\/shared/ },
  { file: 'src/shared/x.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /src\/shared/ },
  { file: 'src/shared/x.ts', code: KNEX, rule: 'no-restricted-imports', why: /src\/shared/ },
  { file: 'src/shared/x.ts', code: "export type { TripsRepository } from '../main/db/repositories/trips-repository';\n", rule: 'no-restricted-imports', why: /src\/shared/ },
  { file: 'src/shared/types/x.ts', code: "import type { Api } from '../../renderer/src/api';\nexport type X = Api;\n", rule: 'no-restricted-imports', why: /src\/shared/ },
  { file: 'src/shared/x.ts', code: "export const x = (): string | null => localStorage.getItem('k');\n", rule: 'no-restricted-globals', why: /src\/shared/ },
  { file: 'src/shared/x.ts', code: 'export const x = (): number => document.title.length;\n', rule: 'no-restricted-globals', why: /src\/shared/ },
  { file: 'src/shared/x.ts', code: "export const x = (): Buffer => Buffer.from('a');\n", rule: 'no-restricted-globals', why: /src\/shared/ },

  // --- src/renderer: sandboxed web page ---
  { file: 'src/renderer/src/x.ts', code: "import { x } from '../../main/db/x';\nexport const y = x;\n", rule: 'no-restricted-imports', why: /renderer est une page web isolée/ },
  { file: 'src/renderer/src/views/x.ts', code: "import { x } from '../../../main/services/x';\nexport const y = x;\n", rule: 'no-restricted-imports', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: "import { x } from '@main/services/x';\nexport const y = x;\n", rule: 'no-restricted-imports', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: "import { x } from 'src/main/services/x';\nexport const y = x;\n", rule: 'no-restricted-imports', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", rule: 'no-restricted-imports', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: KNEX, rule: 'no-restricted-imports', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: "import sqlite3 from 'sqlite3';\nexport const x = sqlite3;\n", rule: 'no-restricted-imports', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: "import { join } from 'node:path';\nexport const x = join;\n", rule: 'no-restricted-imports', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: "import os from 'os';\nexport const x = os;\n", rule: 'no-restricted-imports', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: "export type W = import('electron').BrowserWindow;\n", rule: 'no-restricted-syntax', why: /renderer/ },
  { file: 'src/renderer/src/x.ts', code: "export const x = (): string | undefined => process.env['HOME'];\n", rule: 'no-restricted-globals', why: /renderer/ },
  {
    file: 'src/renderer/src/components/Widget.vue',
    code: "<script setup lang=\"ts\">\nimport { ipcRenderer } from 'electron';\nipcRenderer.send('x');\n</script>\n\n<template>\n  <p>x</p>\n</template>\n",
    rule: 'no-restricted-imports',
    why: /renderer/,
  },

  // --- src/preload: sandboxed ---
  { file: 'src/preload/index.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", rule: 'no-restricted-imports', why: /preload est sandboxé/ },
  { file: 'src/preload/index.ts', code: KNEX, rule: 'no-restricted-imports', why: /preload/ },

  // --- electron only in app/ipc/platform/index.ts/preload ---
  { file: 'src/main/services/x.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /adaptateur de src\/main\/platform/ },
  { file: 'src/main/db/x.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /electron/ },
  { file: 'src/main/jobs/x.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /electron/ },
  { file: 'src/main/workers/x.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /electron/ },
  { file: 'src/main/bridge/x.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /electron/ },
  { file: 'src/main/cli/index.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /electron/ },
  { file: 'src/main/export/x.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /electron/ },
  { file: 'src/main/serve.ts', code: ELECTRON, rule: 'no-restricted-imports', why: /electron/ },
  { file: 'src/main/services/x.ts', code: "import type { WebContents } from 'electron';\nexport type X = WebContents;\n", rule: 'no-restricted-imports', why: /electron/ },
  { file: 'src/main/services/x.ts', code: "export const x = async () => (await import('electron')).app;\n", rule: 'no-restricted-syntax', why: /electron/ },

  // --- knex only in src/main/db ---
  { file: 'src/main/services/x.ts', code: KNEX, rule: 'no-restricted-imports', why: /knex n’est importé que dans src\/main\/db/ },
  { file: 'src/main/services/x.ts', code: "import type { Knex } from 'knex';\nexport type X = Knex;\n", rule: 'no-restricted-imports', why: /knex/ },
  { file: 'src/main/app/x.ts', code: KNEX, rule: 'no-restricted-imports', why: /knex/ },
  { file: 'src/main/ipc/x.ts', code: KNEX, rule: 'no-restricted-imports', why: /knex/ },
  { file: 'src/main/index.ts', code: KNEX, rule: 'no-restricted-imports', why: /knex/ },
  { file: 'src/main/jobs/x.ts', code: KNEX, rule: 'no-restricted-imports', why: /knex/ },
  { file: 'src/main/services/x.test.ts', code: KNEX, rule: 'no-restricted-imports', why: /knex/ },

  // --- sqlite3 and the worker connection only in src/main/db ---
  { file: 'src/main/workers/tasks/x.ts', code: WORKER_CONNECTION, rule: 'no-restricted-imports', why: /withStoreConnection/ },
  { file: 'src/main/services/x.ts', code: "import type { WorkerConnection } from '../db/worker-connection.ts';\nexport type X = WorkerConnection;\n", rule: 'no-restricted-imports', why: /db\/worker-connection/ },
  { file: 'src/main/jobs/x.ts', code: "export const x = () => import('../db/worker-connection');\n", rule: 'no-restricted-syntax', why: /db\/worker-connection/ },
  { file: 'src/main/ipc/x.ts', code: WORKER_CONNECTION, rule: 'no-restricted-imports', why: /db\/worker-connection/ },
  { file: 'src/main/workers/tasks/x.ts', code: SQLITE, rule: 'no-restricted-imports', why: /sqlite3/ },
  { file: 'src/main/app/x.ts', code: SQLITE, rule: 'no-restricted-imports', why: /sqlite3/ },
  { file: 'src/main/workers/x.ts', code: KNEX, rule: 'no-restricted-imports', why: /knex n’est importé que dans src\/main\/db/ },

  // --- SQL text only in src/main/db ---
  { file: 'src/main/workers/tasks/x.ts', code: SQL, rule: 'no-restricted-syntax', why: /Le SQL vit dans src\/main\/db/ },
  { file: 'src/main/services/x.ts', code: "export const q = '\\n  insert into trips (id) values (1)';\n", rule: 'no-restricted-syntax', why: /SQL/ },
  { file: 'src/main/checks/x.ts', code: 'export const q = (t: string): string => `  UPDATE ${t} SET current = 0`;\n', rule: 'no-restricted-syntax', why: /SQL/ },
  { file: 'src/main/exports/x.ts', code: 'export const q = (t: string): string => `DELETE FROM ${t}`;\n', rule: 'no-restricted-syntax', why: /SQL/ },
  { file: 'src/main/jobs/x.ts', code: "export const q = 'with recent AS (SELECT 1) SELECT * FROM recent';\n", rule: 'no-restricted-syntax', why: /SQL/ },
  { file: 'src/main/cli/x.ts', code: "export const q = 'CREATE TEMP TABLE t (x)';\n", rule: 'no-restricted-syntax', why: /SQL/ },
  { file: 'src/main/ipc/x.ts', code: SQL, rule: 'no-restricted-syntax', why: /SQL/ },
  { file: 'src/main/domain/x.ts', code: SQL, rule: 'no-restricted-syntax', why: /SQL/ },
  { file: 'src/main/services/x.test.ts', code: SQL, rule: 'no-restricted-syntax', why: /SQL/ },
  { file: 'src/main/domain/x.test.ts', code: SQL, rule: 'no-restricted-syntax', why: /SQL/ },

  // --- shell.openExternal only through safeOpenExternal ---
  { file: 'src/main/app/x.ts', code: SHELL, rule: 'no-restricted-syntax', why: /safeOpenExternal/ },
  { file: 'src/main/platform/x.ts', code: SHELL, rule: 'no-restricted-syntax', why: /safeOpenExternal/ },
  { file: 'src/main/ipc/x.ts', code: "import { shell } from 'electron';\nexport const { openExternal } = shell;\n", rule: 'no-restricted-syntax', why: /safeOpenExternal/ },
  { file: 'src/main/app/x.ts', code: "import electron from 'electron';\nexport const o = (u: string) => electron.shell['openExternal'](u);\n", rule: 'no-restricted-syntax', why: /safeOpenExternal/ },
  { file: 'src/preload/index.ts', code: SHELL, rule: 'no-restricted-syntax', why: /safeOpenExternal/ },
  { file: 'tests/x.test.ts', code: SHELL, rule: 'no-restricted-syntax', why: /safeOpenExternal/ },

  // --- hygiene ---
  { file: 'src/main/services/x.ts', code: '// @ts-ignore\nexport const x: number = 1;\n', rule: '@typescript-eslint/ban-ts-comment', why: /ts-ignore/ },
  { file: 'src/shared/x.ts', code: '// @ts-nocheck\nexport const x = 1;\n', rule: '@typescript-eslint/ban-ts-comment', why: /ts-nocheck/ },
  { file: 'src/renderer/src/x.ts', code: "console.log('x');\n", rule: 'no-console', why: /console/ },
  { file: 'src/main/services/x.ts', code: "console.log('x');\n", rule: 'no-console', why: /console/ },
];

/** Twins of the cases above that must stay free of boundary errors. */
const ALLOWED: { file: string; code: string }[] = [
  { file: 'src/main/platform/x.ts', code: ELECTRON },
  { file: 'src/main/app/x.ts', code: ELECTRON },
  { file: 'src/main/ipc/x.ts', code: ELECTRON },
  { file: 'src/main/index.ts', code: ELECTRON },
  { file: 'src/preload/index.ts', code: "import { contextBridge } from 'electron';\ncontextBridge.exposeInMainWorld('atelier', {});\n" },
  { file: 'src/main/db/x.ts', code: KNEX },
  { file: 'src/main/db/repositories/x.ts', code: "import type { Knex } from 'knex';\nexport type X = Knex;\n" },
  { file: 'src/main/db/x.test.ts', code: KNEX },
  { file: 'src/main/platform/open-external.ts', code: SHELL },
  { file: 'src/main/services/x.ts', code: "import { readFile } from 'node:fs/promises';\nimport { z } from 'zod';\nexport const x = [readFile, z];\n" },
  { file: 'src/main/services/x.ts', code: "import { add } from '../domain/money';\nimport type { T } from '../../shared/types/x';\nexport const x = add;\nexport type Y = T;\n" },
  { file: 'src/main/domain/x.ts', code: "import { z } from 'zod';\nimport { y } from './y';\nimport { w } from '../../shared/util/w';\nexport const x = [z, y, w];\n" },
  { file: 'src/main/domain/x.test.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" },
  { file: 'src/shared/x.ts', code: "import { z } from 'zod';\nimport type { Channel } from './ipc/channels';\nexport const x = z;\nexport type C = Channel;\n" },
  { file: 'src/renderer/src/x.ts', code: "import { contract } from '@shared/ipc/contract';\nimport { api } from '@renderer/api';\nimport { y } from './main-view';\nexport const x = [contract, api, y, window.atelier];\n" },
  { file: 'src/renderer/src/x.ts', code: "console.error('x');\nconsole.warn('y');\n" },
  { file: 'src/main/cli/index.ts', code: "console.log('x');\n" },
  { file: 'src/main/serve.ts', code: "console.log('x');\n" },
  { file: 'bench/x.ts', code: "import knex from 'knex';\nconsole.log(knex);\n" },
  { file: 'src/main/db/x.ts', code: SQLITE },
  { file: 'src/main/db/x.ts', code: "import { WorkerConnection } from './worker-connection';\nexport const x = WorkerConnection;\n" },
  { file: 'src/main/db/repositories/x.ts', code: "import type { WorkerConnection } from '../worker-connection';\nexport type X = WorkerConnection;\n" },
  { file: 'src/main/db/x.ts', code: SQL },
  { file: 'src/main/db/x.test.ts', code: SQL },
  { file: 'bench/x.ts', code: SQL },
  {
    file: 'src/main/workers/tasks/x.ts',
    code: "import type { SqlExecutor } from '../../db/sql-executor';\nimport { withStoreConnection } from '../../db/store-connection';\nexport const x = [withStoreConnection];\nexport type X = SqlExecutor;\n",
  },
  // Prose that starts like a statement keyword, and test titles, are not SQL.
  { file: 'src/main/services/x.ts', code: "export const x = ['Sélection des trajets', 'selected', 'created_at', 'update', 'Withdraw'];\n" },
  { file: 'src/main/ipc/x.test.ts', code: "import { it } from 'vitest';\nit('with checkResponses, catches a drift', () => undefined);\n" },
  { file: 'src/main/services/x.ts', code: '// @ts-expect-error the library types miss this overload\nexport const x: number = "1";\n' },
];

describe('eslint process boundaries', () => {
  it.each(FORBIDDEN)('$file: $rule for $code', async ({ file, code, rule, why }) => {
    const errors = await boundaryErrors(file, code);
    const hit = errors.filter((m) => m.ruleId === rule);
    expect(hit, JSON.stringify(errors, null, 2)).not.toHaveLength(0);
    expect(hit[0]?.severity).toBe(2);
    expect(hit[0]?.message).toMatch(why);
  });

  it.each(ALLOWED)('$file allows $code', async ({ file, code }) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  it('applies the rules to .vue files through the TypeScript parser', async () => {
    const code = '<script setup lang="ts">\nimport { ref } from \'vue\';\nconst n = ref<number>(0);\n</script>\n\n<template>\n  <p>{{ n }}</p>\n</template>\n';
    expect(await lint('src/renderer/src/components/CounterBadge.vue', code)).toEqual([]);
  });

  it('ignores build output', async () => {
    expect(await eslint.isPathIgnored(`${repoRoot}out/main/index.js`)).toBe(true);
    expect(await eslint.isPathIgnored(`${repoRoot}src/main/domain/x.ts`)).toBe(false);
  });
});
