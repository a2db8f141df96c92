/** The figures an APDF file name carries (the registry's dashboard lists files from them). */
export interface ApdfFileNameParts {
  /** `YYYY-MM`, the campaign's month (Paris time). */
  month: string;
  campaignId: string;
  operatorId: number;
  /** Journeys in the « Trajets » sheet, zero-euro ones included. */
  trips: number;
  /** Journeys with an incentive > 0. */
  subsidized: number;
  /** Sum of the incentives, in cents. */
  amountCents: number;
  /** Campaign name as `sanitizeCampaignName` leaves it. */
  name: string;
}

/**
 * The registry's `sanitize` for the campaign name in APDF file names: `€` → `e`, accents stripped, each
 * whitespace, `.`, `'` and `/` → `_`, any other character outside `[A-Za-z0-9_-]` dropped, lowercase, 128
 * characters at most. `Région Pays de la Loire 2024` → `region_pays_de_la_loire_2024`.
 */
export function sanitizeCampaignName(name: string): string {
  return name
    .replace(/€/g, 'e')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s.'/]/g, '_')
    .replace(/[^\w-]/g, '')
    .toLowerCase()
    .slice(0, 128);
}

/** `YYYY-MM` with a real month. */
export function isMonth(month: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
}

/**
 * `APDF-<YYYY-MM>-<campaign_id>-<operator_id>-<trips>-<subsidized>-<amount_cents>-<sanitized name>.xlsx`, e.g.
 * `APDF-2022-01-1-2-111-100-22200-yolo.xlsx`. The campaign id must be made of letters, digits, `_` and `-` (it
 * becomes part of a path); counts and amount must be non-negative integers.
 */
export function apdfFileName(parts: Omit<ApdfFileNameParts, 'name'> & { campaignName: string }): string {
  if (!isMonth(parts.month)) throw new Error(`Mois invalide pour un APDF : « ${parts.month} » (attendu AAAA-MM).`);
  if (!/^[\w-]+$/.test(parts.campaignId)) throw new Error(`Identifiant de campagne inutilisable dans un nom de fichier : « ${parts.campaignId} ».`);
  for (const value of [parts.operatorId, parts.trips, parts.subsidized, parts.amountCents]) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Nombre invalide pour un nom d'APDF : ${value}.`);
  }
  const { month, campaignId, operatorId, trips, subsidized, amountCents } = parts;
  return `APDF-${month}-${campaignId}-${operatorId}-${trips}-${subsidized}-${amountCents}-${sanitizeCampaignName(parts.campaignName)}.xlsx`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads the figures back from an APDF file name (without its folder), or null if it is not one. Give the campaign
 * id when it is known: an id that contains `-<digits>` groups is otherwise ambiguous, and the shortest id that
 * leaves four numbers after it is taken.
 */
export function parseApdfFileName(fileName: string, campaignId?: string): ApdfFileNameParts | null {
  const id = campaignId === undefined ? '[\\w-]+?' : escapeRegExp(campaignId);
  const match = new RegExp(`^APDF-(\\d{4}-\\d{2})-(${id})-(\\d+)-(\\d+)-(\\d+)-(\\d+)-([\\w-]*)\\.xlsx$`).exec(fileName);
  if (!match) return null;
  const [, month = '', parsedId = '', operatorId, trips, subsidized, amountCents, name = ''] = match;
  if (!isMonth(month)) return null;
  return {
    month,
    campaignId: parsedId,
    operatorId: Number(operatorId),
    trips: Number(trips),
    subsidized: Number(subsidized),
    amountCents: Number(amountCents),
    name,
  };
}
