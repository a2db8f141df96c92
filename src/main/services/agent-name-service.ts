import type { AgentSaveRequest, AgentSetup } from '../../shared/types/agent';
import { readAgentName, writeAgentName } from '../platform/agent-name';

/**
 * « Votre nom » on the « Paramètres » page: the name the agent of this workstation signs with, beside their account,
 * in the audit log (decisions, settings, imports). Saved for the next start: the session keeps the signature it
 * opened with, so that one session's entries have one author.
 */
export class AgentNameService {
  constructor(
    private readonly options: {
      dataDir: string;
      /** Who this session signs as. */
      actor: string;
      /** The account under the name: the shared store's role, else the system user. */
      account: string;
    },
  ) {}

  /** The session's signature, the saved name and why it could not be read. */
  async get(): Promise<AgentSetup> {
    try {
      return { actor: this.options.actor, account: this.options.account, savedName: await readAgentName(this.options.dataDir), problem: null };
    } catch (error) {
      return { actor: this.options.actor, account: this.options.account, savedName: null, problem: (error as Error).message };
    }
  }

  /** Saves the name (empty: none) for the next start; answers as `get`. */
  async save(request: AgentSaveRequest): Promise<AgentSetup> {
    await writeAgentName(this.options.dataDir, request.name === '' ? null : request.name);
    return this.get();
  }
}

