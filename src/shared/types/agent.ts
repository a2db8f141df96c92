import { z } from 'zod';

/**
 * The name an agent gives on the « Paramètres » page of their workstation, recorded beside their account (the
 * PostgreSQL role of a shared store, else the system user) with every decision and setting in the audit log.
 */

/** Longest agent name kept, in characters. */
export const AGENT_NAME_MAX = 80;

/** A name as typed: trimmed; empty means none (the account alone signs). No control characters (one audit line). */
export const AgentSaveRequest = z
  .object({
    name: z
      .string()
      .trim()
      .max(AGENT_NAME_MAX, `${AGENT_NAME_MAX} caractères au plus`)
      .regex(/^[^\p{Cc}]*$/u, 'caractères de contrôle refusés'),
  })
  .strict();
export type AgentSaveRequest = z.infer<typeof AgentSaveRequest>;

/** What the « Votre nom » section shows. */
export const AgentSetup = z.object({
  /** Who this session signs as in the audit log (`Marie Durand (agent_dreal)`, or the account alone). */
  actor: z.string(),
  /** The account under the name: the shared store's PostgreSQL role, else the system user. */
  account: z.string(),
  /** The name saved on this workstation (null: none), used from the next start. */
  savedName: z.string().nullable(),
  /** Why the saved name could not be read (the file is then rewritten by the next save), or null. */
  problem: z.string().nullable(),
});
export type AgentSetup = z.infer<typeof AgentSetup>;
