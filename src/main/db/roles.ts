import { StoreAdminError } from './store-admin-error';
import type pg from 'pg';
import { PgExecutor } from './pg-executor';
import { applicationTables } from './store-copy';

/**
 * The roles of a shared PostgreSQL store (`atelier db init-roles`), from least to most rights; each is a member of the
 * one before, so it has its rights too:
 * - `lecture`: statistics, maps, exports, simulations; it reads everything and writes only the store's journals and
 *   caches (its own jobs, audit entries, simulation caches, the review queue's summaries);
 * - `instruction`: review decisions, attestations and settings besides;
 * - `import`: extracts, declarations, references (AOM, contours), the statistics and scans they trigger: every table.
 * Migrations stay the owner's (the role that created the database).
 */
export const STORE_ROLES = ['lecture', 'instruction', 'import'] as const;
export type StoreRole = (typeof STORE_ROLES)[number];

/**
 * Tables a role writes besides what the role before it writes: each table of the schema belongs to exactly one role
 * (a test holds it, so a new table must be given one). `append` tables are written by INSERT only (the database
 * itself refuses UPDATE and DELETE on them).
 */
export const ROLE_TABLES: Readonly<Record<StoreRole, { write: readonly string[]; append: readonly string[] }>> = {
  lecture: {
    write: [
      'jobs', 'simulations', 'campaign_trip_blocks', 'campaign_persons', 'review_summary_dirty', 'review_journeys', 'review_journey_checks',
      'review_persons', 'review_person_checks', 'review_person_journeys', 'review_person_journey_checks',
    ],
    append: ['audit_log'],
  },
  instruction: { write: ['settings'], append: ['review_decisions', 'attestations'] },
  import: {
    write: [
      'trips', 'operators', 'import_batches', 'import_staged_updates', 'rejected_rows', 'aom_communes', 'aom_names_learned', 'store_privacy',
      'stats_day', 'stats_op_month', 'stats_hour_month', 'stats_com_month', 'stats_flow_month', 'stats_people_month', 'stats_newcomers_day',
      'people_first', 'map_month', 'map_place', 'map_place_month', 'map_area_month', 'map_flow_month', 'map_pair_month', 'map_contours',
      'check_runs', 'check_flags', 'check_flag_journeys', 'check_flag_persons', 'demo_labels', 'declaration_batches', 'declared_trips',
      'declaration_rejected_rows',
    ],
    append: [],
  },
};

/** The name of a store role in the database: `<prefix>_<role>` (e.g. `atelier_lecture`). */
export function roleName(prefix: string, role: StoreRole): string {
  return `${prefix}_${role}`;
}

/** Double-quotes an identifier for PostgreSQL. */
function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** What `initRoles` did. */
export interface RolesOutcome {
  /** The group roles, created now or already there. */
  roles: Array<{ role: StoreRole; name: string; created: boolean }>;
  /** Login roles made members of a group role, as asked. */
  members: Array<{ login: string; role: StoreRole }>;
}

/**
 * Creates (or brings up to date) the store's group roles on the database the client is connected to, as its owner
 * or a superuser: NOLOGIN roles with their GRANTs on the current schema's tables and sequences, then the asked login
 * roles made members. Idempotent: running it again after a migration grants the new tables. In one transaction.
 */
export async function initRoles(client: pg.ClientBase, prefix: string, members: ReadonlyArray<{ login: string; role: StoreRole }>): Promise<RolesOutcome> {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) throw new StoreAdminError(`préfixe de rôle invalide : ${prefix} (lettres minuscules, chiffres, _)`);
  const tables = await applicationTables(new PgExecutor(client));
  const unclassified = tables.filter((table) => !STORE_ROLES.some((role) => ROLE_TABLES[role].write.includes(table) || ROLE_TABLES[role].append.includes(table)));
  if (unclassified.length > 0) throw new StoreAdminError(`tables sans rôle : ${unclassified.join(', ')}`);
  const schema = quoted((await client.query<{ name: string }>('SELECT current_schema() AS name')).rows[0]?.name ?? 'public');
  await client.query('BEGIN');
  try {
    const outcome: RolesOutcome = { roles: [], members: [] };
    let previous: string | null = null;
    for (const role of STORE_ROLES) {
      const name = roleName(prefix, role);
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount !== 0;
      if (!exists) await client.query(`CREATE ROLE ${quoted(name)} NOLOGIN`);
      outcome.roles.push({ role, name, created: !exists });
      if (previous === null) {
        // The first role reads everything and draws ids (inserts into its tables); the next ones inherit it.
        await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${quoted(name)}`);
        await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${quoted(name)}`);
        await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${quoted(name)}`);
      } else {
        await client.query(`GRANT ${quoted(previous)} TO ${quoted(name)}`);
      }
      const { write, append } = ROLE_TABLES[role];
      for (const table of write.filter((t) => tables.includes(t))) await client.query(`GRANT INSERT, UPDATE, DELETE ON ${quoted(table)} TO ${quoted(name)}`);
      for (const table of append.filter((t) => tables.includes(t))) await client.query(`GRANT INSERT ON ${quoted(table)} TO ${quoted(name)}`);
      previous = name;
    }
    for (const member of members) {
      const login = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin', [member.login])).rowCount !== 0;
      if (!login) throw new StoreAdminError(`rôle de connexion inconnu : ${member.login} (créez-le d’abord : CREATE ROLE ${member.login} LOGIN PASSWORD …)`);
      await client.query(`GRANT ${quoted(roleName(prefix, member.role))} TO ${quoted(member.login)}`);
      outcome.members.push(member);
    }
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

