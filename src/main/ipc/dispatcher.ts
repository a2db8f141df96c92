import { locales } from 'zod';
import { isChannel } from '../../shared/ipc/channels';
import { contract } from '../../shared/ipc/contract';
import { fail, ok, UserError, type Result } from '../../shared/ipc/result';
import { privilegeRefusal } from '../db/pg-errors';
import type { Handlers } from './handlers';

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/** zod's own issue messages in French (the contract's custom messages already are). */
const FRENCH_ISSUES = { error: locales.fr().localeError };

/** Turns zod issues into one French line naming each field: `trips : doit être ≥ 100`. */
function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'requête'} : ${issue.message}`).join(' ; ');
}

/**
 * The transport-independent heart of both transports (Electron IPC and HTTP bridge): refuses unknown channels,
 * validates the request with the contract's schema, calls the handler and wraps the outcome in a `Result`.
 * With `checkResponses`, answers are validated too, to catch drift between services and contract in tests.
 */
export function createDispatcher(handlers: Handlers, options: { checkResponses?: boolean } = {}): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) return fail('unknown_channel', `Canal inconnu : ${String(channel)}`);
    const parsed = contract[channel].req.safeParse(payload ?? {}, FRENCH_ISSUES);
    if (!parsed.success) return fail('invalid_input', `Requête invalide pour ${channel} — ${describeIssues(parsed.error.issues)}`);
    try {
      const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
      const data = await handler(parsed.data);
      if (options.checkResponses) {
        const checked = contract[channel].res.safeParse(data, FRENCH_ISSUES);
        if (!checked.success) return fail('internal', `Réponse non conforme pour ${channel} — ${describeIssues(checked.error.issues)}`);
      }
      return ok(data);
    } catch (error) {
      if (error instanceof UserError) return fail(error.code, error.message);
      const refused = privilegeRefusal(error);
      if (refused !== null) return fail('forbidden', refused);
      console.error(`Erreur interne sur ${channel}`, error);
      return fail('internal', `Erreur interne : ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
