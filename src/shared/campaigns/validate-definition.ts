import { locales } from 'zod';
import { CampaignDefinitionSchema } from './definition-schema';
import type { CampaignDefinition } from './definition-types';

/** One problem of a definition: where it is (`rules[0].eligibility.of[2].min_m`, `` for the root) and why, in French. */
export interface DefinitionIssue {
  path: string;
  message: string;
}

export type DefinitionCheck = { ok: true; definition: CampaignDefinition } | { ok: false; issues: DefinitionIssue[] };

/** zod's own messages in French (the schema's custom messages already are). */
const FRENCH = { error: locales.fr().localeError };

/** `["rules", 0, "amount"]` → `rules[0].amount`: the path as one would write it to reach the value in JavaScript. */
export function formatJsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Structural check of a parsed JSON value against format 1 (shapes, enums, references to lists and shapes). */
export function checkCampaignDefinition(input: unknown): DefinitionCheck {
  const parsed = CampaignDefinitionSchema.safeParse(input, FRENCH);
  if (parsed.success) return { ok: true, definition: parsed.data as CampaignDefinition };
  return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message })) };
}

/** One line per issue, `chemin : message`, for logs and error dialogs. */
export function describeIssues(issues: readonly DefinitionIssue[]): string {
  return issues.map((issue) => `${issue.path === '' ? '(racine)' : issue.path} : ${issue.message}`).join('\n');
}
