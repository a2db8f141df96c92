import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AgentSaveRequest } from '../../shared/types/agent';
import { writePrivateJson } from './private-files';

/**
 * The agent's name on this workstation, kept in the data directory (`poste.json`) rather than in the store: on a
 * shared store the settings are the team's, the name is this workstation's user's.
 */
export const AGENT_FILE = 'poste.json';

const AgentFile = z.object({ agentName: AgentSaveRequest.shape.name.pipe(z.string().min(1)).nullable() });

/** The saved name, or null when none. Throws a French error for a file that cannot be read. */
export async function readAgentName(dataDir: string): Promise<string | null> {
  const path = join(dataDir, AGENT_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Nom de l’agent illisible (${path}) : ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = AgentFile.safeParse(json);
  if (!parsed.success) throw new Error(`Nom de l’agent illisible (${path}) : contenu inattendu. Enregistrez-le de nouveau dans Paramètres.`);
  return parsed.data.agentName;
}

/** Saves the name (null: none). */
export async function writeAgentName(dataDir: string, name: string | null): Promise<void> {
  await writePrivateJson(join(dataDir, AGENT_FILE), { agentName: name });
}

/** Who signs the audit log: the name with the account that vouches for it (`Marie Durand (agent_dreal)`), or the account. */
export function signedActor(name: string | null, account: string): string {
  return name === null ? account : `${name} (${account})`;
}
