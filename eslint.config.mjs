// ESLint flat config for Atelier Covoiturage.
//
// Besides the usual recommended sets, this file enforces the process boundaries of
// docs/architecture.md §2 and §6 (see tests/lint/boundaries.test.ts for the proof):
//   - src/shared and src/main/domain are pure TypeScript: no Electron, knex/sqlite, exceljs, Node or DOM APIs;
//   - src/renderer is a sandboxed web page: no Electron, database, Node API, nor anything from src/main;
//   - src/preload is sandboxed: 'electron' and @shared only;
//   - 'electron' is imported only by src/main/{app,ipc,platform}, src/main/index.ts and src/preload;
//   - 'knex', 'sqlite3' and db/worker-connection are imported only by src/main/db (type imports included: the
//     composition roots get the store from db/connection without naming its type);
//   - SQL text (a string or template literal starting with SELECT/INSERT/UPDATE/DELETE/WITH/CREATE) lives only in
//     src/main/db, tests included (bench/ builds its own comparison schemas and is left out);
//   - shell.openExternal is called only by src/main/platform/open-external.ts (safeOpenExternal).
//
// Flat-config caveat: when two config objects set the same rule, the later one REPLACES the options of the
// earlier one (no merge). The boundary rules (no-restricted-imports, no-restricted-syntax,
// no-restricted-globals) are therefore generated in full for each area by `boundary()` below, and the
// areas are listed from the broadest to the most specific.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SRC_CODE = '**/*.{ts,mts,cts,vue,js,mjs,cjs}';

/* ------------------------------------------------------------------------------------------------------------
 * Why each boundary exists (shown in the lint message).
 * ---------------------------------------------------------------------------------------------------------- */
const WHY = {
  shared:
    'src/shared est chargé par le main, le preload ET le renderer : TypeScript pur, sans Electron, base de données, ' +
    'exceljs, API Node ni DOM (architecture §2).',
  domain:
    'src/main/domain est du TypeScript pur (règles, machine à états, unités) testable sans Electron ni disque : ' +
    'pas d’Electron, knex/sqlite, exceljs ni API Node ; les E/S passent par services/, db/ et platform/ (architecture §2).',
  renderer:
    'Le renderer est une page web isolée (sandbox, contextIsolation, sans nodeIntegration) : il ne parle au main que ' +
    'par window.atelier via src/renderer/src/api, et n’importe que @shared/* et @renderer/* (architecture §2 et §6).',
  preload:
    'Le preload est sandboxé (sandbox: true) : il n’importe que « electron » et @shared ; pas de module Node, ' +
    'de base de données ni de code du main (architecture §6).',
  electronInMain:
    '« electron » n’est importé que par src/main/{app,ipc,platform}, src/main/index.ts et src/preload : le reste du main ' +
    '(services, db, jobs, workers, CLI, serve) doit tourner sans Electron ; passez par un adaptateur de src/main/platform.',
  knexOutsideDb:
    'knex n’est importé que dans src/main/db (repositories, migrations) : les autres couches reçoivent des repositories.',
  storeOutsideDb:
    'sqlite3 et la connexion des fils de travail (db/worker-connection) ne servent que dans src/main/db : une tâche ouvre ' +
    'la base par withStoreConnection (db/store-connection) et passe son SqlExecutor aux fonctions de requête de src/main/db.',
  sqlOutsideDb:
    'Le SQL vit dans src/main/db : écrivez-y une fonction de requête (sur SqlExecutor quand le fil principal et les fils ' +
    'de travail en ont besoin) et appelez-la (architecture, « Accès aux données »).',
  shellOpenExternal:
    'Appel direct à shell.openExternal interdit : utilisez safeOpenExternal (src/main/platform/open-external.ts), ' +
    'qui n’ouvre que des URL http(s) autorisées (architecture §6).',
};

/* ------------------------------------------------------------------------------------------------------------
 * Module groups. A regex source is shared by no-restricted-imports (static imports, `export … from`,
 * `import x = require()`) and no-restricted-syntax (`import()` expressions and `import('x').T` types).
 * `(?![\w.-])` ends a package name: it matches 'knex' and 'knex/types' but not 'knex-utils'.
 * ---------------------------------------------------------------------------------------------------------- */
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pkg = (...names) => `^(?:${names.map(escapeRe).join('|')})(?![\\w.-])`;
const nodeBuiltinNames = [...new Set(builtinModules.map((m) => m.split('/')[0]))].sort();

const MODULES = {
  electron: pkg('electron', '@electron/remote'),
  knex: pkg('knex'),
  sqlite: pkg('sqlite3', 'better-sqlite3'),
  // The worker thread's own connection, through any relative path (`./`, `../../db/…`), with or without extension.
  workerConnection: String.raw`(?:^|/)db/worker-connection(?:\.[cm]?[jt]s)?$`,
  exceljs: pkg('exceljs'),
  node: `^node:|${pkg(...nodeBuiltinNames)}`,
  // Relative paths that climb out of the current folder into a `main/` folder (from src/renderer or
  // src/shared that is src/main), any path through `src/main`, and a hypothetical `@main` alias.
  main: String.raw`^(?:\./)?(?:\.\./)+main(?:/|$)|(?:^|/)src/main(?:/|$)|^@main(?:/|$)`,
  // Same idea for src/shared reaching into the renderer (shared code must not depend on either side).
  renderer: String.raw`^(?:\./)?(?:\.\./)+renderer(?:/|$)|(?:^|/)src/renderer(?:/|$)|^@renderer(?:/|$)`,
};

/** esquery (no-restricted-syntax) cannot contain a literal '/' inside /regex/, so spell it \x2F. */
const esqueryRe = (source) => `/${source.replaceAll('/', '\\x2F')}/`;

/**
 * SQL text outside src/main/db: a string, or a template whose first chunk, starts (after blanks) with a statement
 * keyword followed by a blank. Titles of tests (`it('with …')`) are prose, not SQL.
 */
const SQL_TEXT = `${esqueryRe(String.raw`^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE)\s`)}i`;
const TEST_TITLE = ':matches(CallExpression[callee.name=/^(?:it|test|describe)$/], CallExpression[callee.object.name=/^(?:it|test|describe)$/]) > ';
const SQL_BANS = [
  `Literal[value=${SQL_TEXT}]:not(${TEST_TITLE}Literal)`,
  `TemplateLiteral[quasis.0.value.raw=${SQL_TEXT}]:not(${TEST_TITLE}TemplateLiteral)`,
].map((selector) => ({ selector, message: WHY.sqlOutsideDb }));

/** Direct calls to shell.openExternal: `x.openExternal`, `x['openExternal']`, `const { openExternal } = x`.
 * Any property of that name is banned, so the safe wrapper and IPC methods must use another name. */
const OPEN_EXTERNAL_BANS = [
  "MemberExpression[property.name='openExternal']",
  "MemberExpression[property.value='openExternal']",
  "VariableDeclarator > ObjectPattern.id > Property[key.name='openExternal']",
].map((selector) => ({ selector, message: WHY.shellOpenExternal }));

const DOM_GLOBALS = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'history',
  'fetch',
  'XMLHttpRequest',
  'indexedDB',
  'alert',
  'confirm',
];
const NODE_GLOBALS = [
  'process',
  'Buffer',
  '__dirname',
  '__filename',
  'require',
  'global',
  'setImmediate',
  'clearImmediate',
];

/**
 * Full boundary rules for one area.
 * @param {{ name: string, files: string[], ignores?: string[], banned: Record<string, string>,
 *           globals?: string[], globalsWhy?: string, banOpenExternal?: boolean, banSql?: boolean }} area
 *   banned: MODULES key → message; globals: forbidden global identifiers; banOpenExternal: ban shell.openExternal
 *   (default true); banSql: ban SQL text (default false).
 */
function boundary({ name, files, ignores, banned, globals: bannedGlobals = [], globalsWhy, banOpenExternal = true, banSql = false }) {
  const groups = Object.entries(banned).map(([key, message]) => ({ key, source: MODULES[key], message }));
  return {
    name: `atelier/boundaries/${name}`,
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: groups.map(({ source, message }) => ({ regex: source, message })) },
      ],
      'no-restricted-syntax': [
        'error',
        ...(banOpenExternal ? OPEN_EXTERNAL_BANS : []),
        ...(banSql ? SQL_BANS : []),
        ...groups.map(({ source, message }) => ({
          selector: `:matches(ImportExpression, TSImportType)[source.value=${esqueryRe(source)}]`,
          message,
        })),
      ],
      'no-restricted-globals':
        bannedGlobals.length > 0
          ? ['error', ...bannedGlobals.map((g) => ({ name: g, message: globalsWhy }))]
          : 'off',
    },
  };
}

const ELECTRON_HOSTS = ['src/main/app/**', 'src/main/ipc/**', 'src/main/platform/**', 'src/main/index.ts'];
const OPEN_EXTERNAL_HOME = ['src/main/platform/open-external.ts', 'src/main/platform/open-external.test.ts'];
const PURE_TESTS = (dir) => [`${dir}/**/*.test.ts`, `${dir}/**/*.spec.ts`];

/** Areas from the broadest to the most specific (later objects replace earlier rule options). */
const AREAS = [
  {
    name: 'main',
    files: ['src/main/**'],
    banned: { electron: WHY.electronInMain, knex: WHY.knexOutsideDb, sqlite: WHY.storeOutsideDb, workerConnection: WHY.storeOutsideDb },
    banSql: true,
  },
  {
    name: 'main/db',
    files: ['src/main/db/**'],
    banned: { electron: WHY.electronInMain },
  },
  {
    name: 'main/electron-hosts',
    files: ELECTRON_HOSTS,
    banned: { knex: WHY.knexOutsideDb, sqlite: WHY.storeOutsideDb, workerConnection: WHY.storeOutsideDb },
    banSql: true,
  },
  {
    name: 'main/domain',
    files: ['src/main/domain/**'],
    banned: { electron: WHY.domain, knex: WHY.domain, sqlite: WHY.domain, workerConnection: WHY.domain, exceljs: WHY.domain, node: WHY.domain },
    banSql: true,
    globals: [...DOM_GLOBALS, ...NODE_GLOBALS],
    globalsWhy: WHY.domain,
  },
  {
    name: 'preload',
    files: ['src/preload/**'],
    banned: { knex: WHY.preload, sqlite: WHY.preload, exceljs: WHY.preload, node: WHY.preload, main: WHY.preload },
  },
  {
    name: 'shared',
    files: ['src/shared/**'],
    banned: {
      electron: WHY.shared,
      knex: WHY.shared,
      sqlite: WHY.shared,
      exceljs: WHY.shared,
      node: WHY.shared,
      main: WHY.shared,
      renderer: WHY.shared,
    },
    globals: [...DOM_GLOBALS, ...NODE_GLOBALS],
    globalsWhy: WHY.shared,
  },
  {
    name: 'renderer',
    files: ['src/renderer/**'],
    banned: { electron: WHY.renderer, knex: WHY.renderer, sqlite: WHY.renderer, node: WHY.renderer, main: WHY.renderer },
    globals: NODE_GLOBALS,
    globalsWhy: WHY.renderer,
  },
];

/** Colocated tests of pure areas run in Node/happy-dom: they may read fixtures with node:fs and use any global. */
const PURE_TEST_AREAS = AREAS.filter((a) => ['main/domain', 'shared', 'renderer'].includes(a.name)).map((a) => ({
  name: `${a.name}/tests`,
  files: PURE_TESTS(a.files[0].replace('/**', '')),
  banned: Object.fromEntries(Object.entries(a.banned).filter(([key]) => key !== 'node')),
  banSql: a.banSql,
}));

/** The one file allowed to call shell.openExternal (and its test, which asserts on the mocked shell). */
const OPEN_EXTERNAL_AREA = {
  ...AREAS.find((a) => a.name === 'main/electron-hosts'),
  name: 'main/platform/open-external',
  files: OPEN_EXTERNAL_HOME,
  banOpenExternal: false,
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'out/',
    'dist/',
    'test-results/',
    'playwright-report/',
    'blob-report/',
    'coverage/',
    'bench/.out/',
    '.tmp/',
    // Generated declaration files; hand-written ones under src/ (env.d.ts…) are still linted.
    '**/*.d.ts',
    '!src/**/*.d.ts',
  ]),

  // ----- Recommended sets ------------------------------------------------------------------------------------
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    name: 'atelier/vue-typescript',
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: {
      // Same TS-aware relaxations typescript-eslint applies to .ts files (TypeScript checks these better).
      ...tseslint.configs.eslintRecommended.rules,
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/multi-word-component-names': ['error', { ignores: ['App'] }],
    },
  },

  // ----- Project-wide rules ------------------------------------------------------------------------------------
  {
    name: 'atelier/common',
    files: [SRC_CODE],
    rules: {
      '@typescript-eslint/ban-ts-comment': [
        'error',
        {
          'ts-ignore': true,
          'ts-nocheck': true,
          'ts-check': false,
          'ts-expect-error': 'allow-with-description',
          minimumDescriptionLength: 10,
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Outside src/, only the openExternal ban applies (src/ areas below restate it with their own bans).
      'no-restricted-syntax': ['error', ...OPEN_EXTERNAL_BANS],
    },
  },

  // ----- Globals per area ------------------------------------------------------------------------------------
  {
    name: 'atelier/globals/node',
    files: [
      'src/main/**',
      'src/preload/**',
      'tests/**',
      'bench/**',
      'scripts/**',
      'e2e/**',
      'bin/**',
      'build/**',
      '*.{js,mjs,cjs,ts,mts,cts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'atelier/globals/e2e-page-callbacks',
    files: ['e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'atelier/globals/browser',
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'atelier/globals/shared',
    files: ['src/shared/**', 'src/main/domain/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
  {
    // Playwright parses fixture signatures: a fixture without dependencies must be written `async ({}, use) =>`.
    name: 'atelier/playwright-fixtures',
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
  {
    name: 'atelier/commonjs',
    files: ['**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // ----- Process boundaries (order matters: see the header) -----------------------------------------------------
  ...AREAS.map(boundary),
  ...PURE_TEST_AREAS.map(boundary),
  boundary(OPEN_EXTERNAL_AREA),

  // ----- Console ------------------------------------------------------------------------------------------------
  {
    name: 'atelier/console/app',
    files: ['src/**'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  {
    name: 'atelier/console/tools',
    files: [
      'src/main/cli/**',
      'src/main/serve.ts',
      'src/**/*.test.ts',
      'scripts/**',
      'bench/**',
      'bin/**',
      'tests/**',
      'e2e/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
