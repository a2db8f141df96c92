import { formatInteger } from '../../../shared/util/format';
import { connectionRefusal } from '../../db/pg-errors';
import { STORE_ROLES, type StoreRole } from '../../db/roles';
import { describeStore } from '../../db/store-address';
import { copyStoreBetween, initStoreRoles, StoreAdminError } from '../../services/store-admin-service';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { withJobSession } from '../job-session';

/**
 * `atelier db pseudonymise [--db FILE] [--json]`: converts a store that kept operators' user ids in clear to keyed
 * pseudonyms (docs/privacy.md), then rebuilds what derives from person keys (statistics, scan). Ctrl-C stops it;
 * running it again resumes it; on a converted store it changes nothing.
 */
export async function dbPseudonymiseCommand(context: CliContext, options: { db?: string | undefined; json: boolean }): Promise<void> {
  await withJobSession(context, options.db, true, async (services, cancelOnInterrupt) => {
    const outcome = await services.privacy.pseudonymise(cancelOnInterrupt);
    if (context.interactive) context.stderr('\n');
    if (options.json) context.stdout(JSON.stringify(outcome, null, 2));
    else {
      context.stdout(
        `Identifiants pseudonymisés : ${formatInteger(outcome.trips)} trajet(s), ${formatInteger(outcome.rejectedLines)} ligne(s) rejetée(s) masquée(s), ` +
          `${formatInteger(outcome.decisions)} décision(s) reprise(s) sous le pseudonyme.`,
      );
    }
  });
}

/** `--member LOGIN:ROLE` values, checked. */
function parseMembers(values: readonly string[]): Array<{ login: string; role: StoreRole }> {
  return values.map((value) => {
    const [login, role] = value.split(':');
    if (login === undefined || login === '' || !STORE_ROLES.includes(role as StoreRole)) {
      throw new CliError(`--member ${value} : attendu UTILISATEUR:${STORE_ROLES.join('|')}`);
    }
    return { login, role: role as StoreRole };
  });
}

/** Runs an administration step, its user errors printed as such. */
async function administer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreAdminError) throw new CliError(error.message);
    const refusal = connectionRefusal(error);
    if (refusal !== null) throw new CliError(refusal);
    throw error;
  }
}

/**
 * `atelier db init-roles --db postgres://… [--prefix atelier] [--member LOGIN:ROLE]... [--json]`: creates or updates
 * the group roles lecture, instruction and import of a shared store, with their GRANTs, and makes login roles members.
 */
export async function dbInitRolesCommand(
  context: CliContext,
  options: { db?: string | undefined; prefix?: string | undefined; member?: string[] | undefined; json: boolean },
): Promise<void> {
  if (options.db === undefined) throw new CliError('--db postgres://… est obligatoire');
  const address = options.db;
  const members = parseMembers(options.member ?? []);
  const outcome = await administer(() => initStoreRoles(address, options.prefix ?? 'atelier', members));
  if (options.json) {
    context.stdout(JSON.stringify(outcome, null, 2));
    return;
  }
  context.stdout(
    [
      `Rôles de ${describeStore(address)} :`,
      ...outcome.roles.map((role) => `  ${role.name.padEnd(24)} ${role.created ? 'créé' : 'mis à jour'} (${ROLE_WORDS[role.role]})`),
      ...outcome.members.map((member) => `  ${member.login} est membre de ${outcome.roles.find((role) => role.role === member.role)?.name ?? member.role}`),
    ].join('\n'),
  );
}

/** What each role may do, as `db init-roles` prints it. */
const ROLE_WORDS: Readonly<Record<StoreRole, string>> = {
  lecture: 'statistiques, cartes, exports, simulations',
  instruction: 'lecture + décisions, attestations, paramètres',
  import: 'instruction + imports, référentiels, contrôles',
};

/**
 * `atelier db copy --from BASE --to BASE [--json]`: copies a store into a new one, SQLite ↔ PostgreSQL, every table;
 * running it again after an interruption resumes the copy; row counts are compared at the end.
 */
export async function dbCopyCommand(context: CliContext, options: { from?: string | undefined; to?: string | undefined; json: boolean }): Promise<void> {
  const { from, to } = options;
  if (from === undefined || to === undefined) throw new CliError('--from BASE et --to BASE sont obligatoires');
  let lastTable = '';
  const tables = await administer(() =>
    copyStoreBetween(from, to, (progress) => {
      // Line by line (not a terminal): each table's start and end only.
      if (!context.interactive && progress.table === lastTable && progress.written !== progress.total) return;
      lastTable = progress.table;
      const line = `table ${progress.tableIndex + 1} / ${progress.tableCount} ${progress.table} : ${formatInteger(progress.written)} / ${formatInteger(progress.total)} lignes`;
      context.stderr(context.interactive ? `\r${line}\u001b[K` : line);
    }),
  );
  if (context.interactive) context.stderr('\n');
  const rows = tables.reduce((sum, table) => sum + table.rows, 0);
  const written = tables.reduce((sum, table) => sum + table.written, 0);
  if (options.json) {
    context.stdout(JSON.stringify({ from: describeStore(from), to: describeStore(to), tables, rows, written }, null, 2));
    return;
  }
  context.stdout(
    `Base copiée de ${describeStore(from)} vers ${describeStore(to)} : ${formatInteger(tables.length)} tables, ${formatInteger(rows)} lignes ` +
      `(${formatInteger(written)} écrites par cette reprise), nombres de lignes vérifiés table par table.`,
  );
}
