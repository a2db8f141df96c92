import pg from 'pg';

/**
 * Databases of a PostgreSQL server, as tests, benchmarks and administrators handle them: connected as a role that
 * may create databases, to the address of any database of the server. Names are checked (they are identifiers, not
 * bound values).
 */
export class PgServerAdmin {
  private constructor(private readonly client: pg.Client) {}

  /** Connects to `address`, runs `work`, disconnects whatever happens. */
  static async with<T>(address: string, work: (admin: PgServerAdmin) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: address });
    await client.connect();
    try {
      return await work(new PgServerAdmin(client));
    } finally {
      await client.end();
    }
  }

  async exists(name: string): Promise<boolean> {
    return (await this.client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount !== 0;
  }

  /** Creates database `name`, a copy of `template` when given (nobody may be connected to it meanwhile). */
  async create(name: string, template?: string): Promise<void> {
    await this.client.query(`CREATE DATABASE ${identifier(name)}${template === undefined ? '' : ` TEMPLATE ${identifier(template)}`}`);
  }

  async rename(name: string, to: string): Promise<void> {
    await this.client.query(`ALTER DATABASE ${identifier(name)} RENAME TO ${identifier(to)}`);
  }

  /** Drops database `name` if it exists, closing its connections first. */
  async drop(name: string): Promise<void> {
    await this.client.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`);
  }

  /** Creates login role `name` (without password: the server's authentication rules decide) unless it exists. */
  async ensureLoginRole(name: string): Promise<void> {
    if ((await this.client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount !== 0) return;
    await this.client.query(`CREATE ROLE ${identifier(name)} LOGIN`);
  }

  /** Runs `work` holding the server-wide advisory lock `key` (other holders wait: one of them prepares, the rest reuse). */
  async locked<T>(key: number, work: () => Promise<T>): Promise<T> {
    await this.client.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await this.client.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  }
}

/** A database or role name as SQL: lower-case letters, digits and `_` only (the names the application and tests make). */
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`nom de base refusé : ${name}`);
  return name;
}
