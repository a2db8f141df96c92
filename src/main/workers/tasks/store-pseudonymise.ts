import { pseudonymiseStoredUserIds, type StorePseudonymisation } from '../../db/pseudonymise-store';
import { withStoreConnection } from '../../db/store-connection';
import { formatsOf, redactRawLine } from '../../domain/extracts/redact-identity';
import { UserIdPseudonymiser } from '../../extracts/pseudonymise';
import type { TaskContext } from './task-context';

/** What `store.pseudonymise` is started with: the store and the key of its user-id pseudonyms (hex, never stored). */
export interface StorePseudonymiseParams {
  storeAddress: string;
  pseudonymKey: string;
}

/** Converts a store that kept user ids in clear (db/pseudonymise-store.ts), through the worker's own connection. */
export function storePseudonymise(params: StorePseudonymiseParams, context: TaskContext): Promise<StorePseudonymisation> {
  const pseudonymiser = new UserIdPseudonymiser(Buffer.from(params.pseudonymKey, 'hex'));
  return withStoreConnection(params.storeAddress, (db) =>
    pseudonymiseStoredUserIds(
      db,
      (id) => pseudonymiser.pseudonym(id) ?? id,
      (raw, format) => redactRawLine(raw, formatsOf(format)),
      (done, total) => {
        if (context.signal.aborted) throw new Error('annulé');
        context.progress('pseudonymise', done, total);
      },
    ),
  );
}
