/**
 * French messages for what a PostgreSQL server refuses, for the user rather than the log: a connection it will not
 * open, an action the connected role has no right to. node-postgres gives the server's SQLSTATE in `code` (and
 * Node's socket errors their own code); an error that crossed the job worker's boundary may have kept only its
 * message, which is matched as a last resort.
 */

/** What a value thrown by node-postgres or a socket carries. */
interface CodedError {
  code?: unknown;
  message?: unknown;
  table?: unknown;
}

function codeOf(error: unknown): string | null {
  return typeof error === 'object' && error !== null && typeof (error as CodedError).code === 'string' ? ((error as CodedError).code as string) : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** SQLSTATEs and socket codes of a refused connection, with what to tell the user. */
const CONNECTION_REFUSALS: Readonly<Record<string, string>> = {
  '28P01': 'mot de passe refusé par le serveur (vérifiez l’utilisateur, PGPASSWORD ou ~/.pgpass)',
  '28000': 'connexion refusée par le serveur pour cet utilisateur (règles d’accès pg_hba.conf)',
  '3D000': 'cette base n’existe pas sur le serveur (demandez à son administrateur de la créer)',
  '57P03': 'le serveur démarre ou s’arrête : réessayez dans un instant',
  '53300': 'le serveur n’accepte plus de connexions (trop de connexions ouvertes)',
  ECONNREFUSED: 'serveur injoignable : connexion refusée (vérifiez l’hôte et le port)',
  ENOTFOUND: 'hôte inconnu (vérifiez le nom du serveur)',
  EAI_AGAIN: 'hôte introuvable pour l’instant (réseau ou DNS indisponible)',
  ETIMEDOUT: 'le serveur ne répond pas (délai dépassé)',
  EHOSTUNREACH: 'serveur injoignable (réseau)',
};

/** Why a PostgreSQL connection could not be opened, in French; null for any other error. */
export function connectionRefusal(error: unknown): string | null {
  const code = codeOf(error);
  if (code !== null && code in CONNECTION_REFUSALS) return CONNECTION_REFUSALS[code] ?? null;
  if (/timeout expired|Connection terminated due to connection timeout/i.test(messageOf(error))) return CONNECTION_REFUSALS.ETIMEDOUT ?? null;
  return null;
}

/** SQLSTATE of `insufficient_privilege`. */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * The action the connected role may not do, in French (PostgreSQL's roles: `atelier db init-roles`); null for any
 * other error. Names the table when the server does.
 */
export function privilegeRefusal(error: unknown): string | null {
  const message = messageOf(error);
  const onTable = /permission denied for (?:table|relation|sequence) (\S+)/.exec(message)?.[1];
  if (codeOf(error) !== INSUFFICIENT_PRIVILEGE && onTable === undefined) return null;
  const table = onTable ?? (typeof (error as CodedError).table === 'string' ? ((error as CodedError).table as string) : null);
  return (
    `La base partagée a refusé cette action : votre rôle n’en a pas le droit${table === null ? '' : ` (table ${table})`}. ` +
    'Demandez à l’administrateur de la base le rôle qui convient : lecture, instruction ou import.'
  );
}
