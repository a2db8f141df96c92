import type { AuditProblem, AuditVerification } from '../../shared/types/store';
import {
  chainOf, entryContent, GENESIS_HASH, legacyEntryHash, SEAL_ACTION, SETTINGS_ACTION, type AuditRow, type AuditSnapshot,
} from '../db/repositories/audit-log-repository';
import { DECISION_ACTIONS, DECISION_ENTITY } from '../db/repositories/review-decisions-repository';
import type { DecisionRow } from '../db/review-decision-rows';
import type { AnchorRead } from '../platform/audit-anchor';

/** Problems listed at most (the first is what matters; the others help an investigation). */
const MAX_PROBLEMS = 100;

const DECISION_LABELS: Record<string, string> = { confirmed: 'fraude confirmée', legitimate: 'légitime', info_requested: 'information demandée' };

export interface AuditCheckInput {
  snapshot: AuditSnapshot;
  /** Recomputes a keyed entry's hash with the store's chain key. */
  entryHash: (prevHash: string, content: string) => string;
  /** The anchor outside the store, read and checked with the anchor key. */
  anchor: AnchorRead;
  keyFile: string;
}

/**
 * Verifies the audit log against its key and anchor, and the tables against the log:
 * 1. the chain, in id order: each entry follows its predecessor; the entries of the first, plain SHA-256 chain
 *    (older stores) come first, have their SHA-256, and are sealed by the first keyed entry (`audit.seal`, which
 *    records their number and head); every later entry has its HMAC. Followed up to its first break only.
 * 2. the head: the entry the anchor outside the store vouches for is still there, with the same hash.
 * 3. review decisions: every row matches the entry that recorded it, and every decision entry has its row.
 * 4. settings: every stored value is the one its last entry (change, or the seal's snapshot) recorded.
 */
export function verifyAudit(input: AuditCheckInput): AuditVerification {
  const { entries } = input.snapshot;
  const problems: AuditProblem[] = [];
  const add: Add = (row, reason) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ entryId: row?.id ?? null, at: row?.at ?? null, action: row?.action ?? null, reason });
  };

  const chain = checkChain(entries, input.entryHash, add);
  const anchoredEntryId = checkAnchor(entries, input.anchor, chain.keyed, add);
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  checkDecisions(input.snapshot.decisions, entries, byId, add);
  checkSettings(input.snapshot.settings, entries, add);

  const first = problems[0] ?? null;
  return {
    entries: entries.length,
    intact: problems.length === 0,
    firstBrokenId: first?.entryId ?? null,
    firstBroken: first,
    problems,
    keyedEntries: chain.keyed,
    legacyEntries: chain.legacy,
    decisionsChecked: input.snapshot.decisions.length,
    settingsChecked: input.snapshot.settings.length,
    anchoredEntryId,
    keyFile: input.keyFile,
  };
}

/** Records a problem about an entry (or a missing one, or none that can be named). */
type Add = (row: { id: number; at: string | null; action: string | null } | null, reason: string) => void;

function checkChain(entries: readonly AuditRow[], entryHash: AuditCheckInput['entryHash'], add: Add): { keyed: number; legacy: number } {
  let previous = GENESIS_HASH;
  let keyed = 0;
  let legacy = 0;
  for (const row of entries) {
    if (row.prev_hash !== previous) {
      add(row, 'ne suit pas l’entrée qui la précède : une entrée a été supprimée, insérée ou réécrite avant elle');
      return { keyed, legacy };
    }
    const form = chainOf(row.hash);
    if (form === 'legacy') {
      if (keyed > 0) {
        add(row, 'entrée à l’ancien format (SHA-256 sans clé) après le scellement du journal : écrite ou réécrite hors de l’application');
        return { keyed, legacy };
      }
      if (legacyEntryHash(row) !== row.hash) {
        add(row, 'contenu modifié : son empreinte SHA-256 ne correspond plus');
        return { keyed, legacy };
      }
      legacy += 1;
    } else if (form === 'keyed') {
      if (keyed === 0 && legacy > 0 && !sealsLegacy(row, legacy, previous)) {
        add(row, `les ${legacy} entrées de l’ancienne chaîne SHA-256 qui la précèdent ne sont pas scellées (entrée de re-scellement attendue)`);
        return { keyed, legacy };
      }
      if (entryHash(row.prev_hash, entryContent(row)) !== row.hash) {
        add(row, 'empreinte HMAC fausse : entrée modifiée, ou chaîne recalculée sans la clé');
        return { keyed, legacy };
      }
      keyed += 1;
    } else {
      add(row, 'empreinte de forme inconnue : entrée écrite hors de l’application');
      return { keyed, legacy };
    }
    previous = row.hash;
  }
  const last = entries[entries.length - 1];
  if (last && keyed === 0) add(last, `aucune des ${legacy} entrées n’est scellée par la clé de la base : journal réécrit, ou son scellement supprimé`);
  return { keyed, legacy };
}

/** The first keyed entry after entries of the first chain must be the seal that records them. */
function sealsLegacy(row: AuditRow, legacy: number, legacyHead: string): boolean {
  if (row.action !== SEAL_ACTION) return false;
  const after = parseJson(row.after_json) as { legacyEntries?: unknown; legacyHead?: unknown } | null;
  return after?.legacyEntries === legacy && after.legacyHead === legacyHead;
}

function checkAnchor(entries: readonly AuditRow[], anchor: AnchorRead, keyed: number, add: Add): number | null {
  if (anchor.status === 'invalid') {
    add(null, `ancre du journal (${anchor.file}) : ${anchor.reason}`);
    return null;
  }
  if (anchor.status === 'none') {
    const last = entries[entries.length - 1];
    if (keyed > 0 && last) add(last, `ancre introuvable (${anchor.file}) : rien ne garantit que les dernières entrées n’ont pas été supprimées`);
    return null;
  }
  const { entryId, hash, at } = anchor.anchor;
  // The anchor of a workstation that keyed or joined the store before any entry: it vouches for none yet.
  if (entryId === 0) return null;
  const row = entries.find((entry) => entry.id === entryId);
  if (!row) {
    const lastId = entries[entries.length - 1]?.id ?? 0;
    const firstMissing = entries.filter((entry) => entry.id < entryId).reduce((max, entry) => Math.max(max, entry.id), 0) + 1;
    add(
      { id: firstMissing, at, action: null },
      `entrées supprimées : l’ancre tenue hors de la base atteste l’entrée n° ${entryId} du ${at}, absente de la table ` +
        `(${lastId === 0 ? 'la table est vide' : `dernière entrée : n° ${lastId}`})`,
    );
  } else if (row.hash !== hash) {
    add(row, 'ne correspond pas à l’ancre tenue hors de la base : entrée remplacée');
  }
  return entryId;
}

function subjectLabel(kind: string, key: string): string {
  return `${DECISION_ENTITY[kind as keyof typeof DECISION_ENTITY] ?? kind} ${key}`;
}

function checkDecisions(decisions: readonly DecisionRow[], entries: readonly AuditRow[], byId: ReadonlyMap<number, AuditRow>, add: Add): void {
  const isDecision = (entry: AuditRow): boolean => (DECISION_ACTIONS as readonly string[]).includes(entry.action);
  const rows = new Map(decisions.map((row) => [row.id, row]));
  for (const row of decisions) {
    const label = `décision n° ${row.id} (${subjectLabel(row.subject_kind, row.subject_key)})`;
    const entry = byId.get(row.audit_id);
    if (!entry || !isDecision(entry)) {
      add(entry ?? null, `${label} : aucune entrée de décision du journal ne l’inscrit (entrée n° ${row.audit_id} ${entry ? `: ${entry.action}` : 'absente'})`);
      continue;
    }
    const difference = decisionDifference(row, entry);
    if (difference) add(entry, `${label} modifiée dans la table : ${difference} (entrée n° ${entry.id})`);
  }
  for (const entry of entries) {
    if (!isDecision(entry)) continue;
    const decisionId = (parseJson(entry.after_json) as { decisionId?: unknown } | null)?.decisionId;
    const row = typeof decisionId === 'number' ? rows.get(decisionId) : undefined;
    if (!row) add(entry, `décision n° ${String(decisionId)} (${entry.entity} ${entry.entity_id ?? ''}) inscrite au journal mais absente de la table`);
    else if (row.audit_id !== entry.id) add(entry, `décision n° ${row.id} (${subjectLabel(row.subject_kind, row.subject_key)}) rattachée dans la table à l’entrée n° ${row.audit_id} au lieu de n° ${entry.id}`);
  }
}

/** What differs between a decision row and its entry, in French; null when they match. */
function decisionDifference(row: DecisionRow, entry: AuditRow): string | null {
  const after = (parseJson(entry.after_json) ?? {}) as Record<string, unknown>;
  const before = parseJson(entry.before_json) as { decisionId?: unknown } | null;
  const subject = DECISION_ENTITY[row.subject_kind as keyof typeof DECISION_ENTITY] as string | undefined;
  const fields: Array<[string, unknown, unknown, (value: unknown) => string]> = [
    ['sujet', `${subject ?? row.subject_kind} ${row.subject_key}`, `${entry.entity} ${entry.entity_id ?? ''}`, String],
    ['numéro', row.id, after.decisionId, String],
    ['décision', row.decision, after.decision, (value) => DECISION_LABELS[String(value)] ?? String(value)],
    ['commentaire', row.comment, after.comment, String],
    ['auteur', row.actor, after.actor, String],
    ['date', row.decided_at, after.decidedAt, String],
    ['décision révisée', row.previous_id ?? null, before?.decisionId ?? null, (value) => (value === null ? 'aucune' : `n° ${String(value)}`)],
  ];
  for (const [name, inTable, inLog, show] of fields) {
    if (inTable !== inLog) return `${name} « ${show(inTable)} » dans la table, « ${show(inLog)} » au journal`;
  }
  return null;
}

function checkSettings(settings: AuditSnapshot['settings'], entries: readonly AuditRow[], add: Add): void {
  const recorded = new Map<string, { value: string; entry: AuditRow }>();
  for (const entry of entries) {
    if (entry.action === SETTINGS_ACTION && entry.entity_id !== null && entry.after_json !== null) recorded.set(entry.entity_id, { value: entry.after_json, entry });
    if (entry.action === SEAL_ACTION) {
      const snapshot = (parseJson(entry.after_json) as { settings?: Record<string, unknown> } | null)?.settings ?? {};
      for (const [key, value] of Object.entries(snapshot)) recorded.set(key, { value: String(value), entry });
    }
  }
  const stored = new Set<string>();
  for (const row of settings) {
    stored.add(row.key);
    const last = recorded.get(row.key);
    if (!last) add(null, `réglage « ${row.key} » absent du journal : écrit hors de l’application (valeur ${row.value_json})`);
    else if (last.value !== row.value_json) {
      add(last.entry, `réglage « ${row.key} » modifié dans la table : ${row.value_json} dans la table, ${last.value} au journal (entrée n° ${last.entry.id})`);
    }
  }
  for (const [key, last] of recorded) {
    if (!stored.has(key)) add(last.entry, `réglage « ${key} » supprimé de la table (valeur au journal : ${last.value}, entrée n° ${last.entry.id})`);
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
