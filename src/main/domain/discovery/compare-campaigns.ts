import type { CampaignDefinition, DateOrInstant } from '../../../shared/campaigns/definition-types';
import { formatCents, formatDay, formatInteger, formatPercent } from '../../../shared/util/format';
import { compileCampaign } from '../campaigns';
import { paidDistances, type CampaignSamples } from './campaign-samples';
import type { TerritoryKind, TerritoryProfile, UrbanClass } from './territory-profile';

/** Weights of the three closeness measures in the similarity (they sum to 1; distance's goes to the others without journeys). */
const WEIGHTS = { size: 0.4, kind: 0.3, distance: 0.3 } as const;

/** Populations within this factor of each other are « comparable » (log10 1.5 ≈ 0.18). */
const COMPARABLE_FACTOR = 1.5;

const KIND_ORDER: readonly TerritoryKind[] = ['commune', 'intercommunalité', 'département', 'région'];
const URBAN_ORDER: readonly UrbanClass[] = ['rural', 'ville moyenne', 'grande ville'];

/** 1 for the same step of an ordered scale, 0.5 for the next step, 0 beyond. */
function stepCloseness<T>(order: readonly T[], a: T, b: T): number {
  const gap = Math.abs(order.indexOf(a) - order.indexOf(b));
  return gap === 0 ? 1 : gap === 1 ? 0.5 : 0;
}

/** `320 000 hab.` */
const inhabitants = (population: number): string => `${formatInteger(population)} hab.`;

const KIND_WORDS: Readonly<Record<TerritoryKind, string>> = {
  commune: 'une commune',
  intercommunalité: 'une intercommunalité',
  département: 'un département',
  région: 'une région',
};
const URBAN_WORDS: Readonly<Record<UrbanClass, string>> = {
  'grande ville': 'autour d’une grande ville',
  'ville moyenne': 'autour d’une ville moyenne',
  rural: 'rural ou périurbain',
};

/** How close a campaign is to a territory, and why, in French. */
export interface Closeness {
  /** 0–1, higher is closer. */
  similarity: number;
  reasons: string[];
}

/** Size on a log scale: 1 for the same population, 0.5 for ten times more or less, 0 from a hundred times. */
function sizeCloseness(territory: TerritoryProfile, campaign: TerritoryProfile): { score: number; reason: string } {
  if (territory.population === null || campaign.population === null || territory.population === 0 || campaign.population === 0) {
    return { score: 0.5, reason: 'population du territoire de la campagne inconnue de la géographie : taille non comparée' };
  }
  const ratio = campaign.population / territory.population;
  const score = Math.max(0, 1 - Math.abs(Math.log10(ratio)) / 2);
  const yours = `votre territoire : ${inhabitants(territory.population)}`;
  if (ratio <= COMPARABLE_FACTOR && ratio >= 1 / COMPARABLE_FACTOR) return { score, reason: `population comparable : ${inhabitants(campaign.population)} (${yours})` };
  const factor = ratio > 1 ? ratio : 1 / ratio;
  const times = factor >= 10 ? formatInteger(factor) : factor.toFixed(1).replace('.', ',');
  return { score, reason: `population ${times} fois plus ${ratio > 1 ? 'grande' : 'petite'} : ${inhabitants(campaign.population)} (${yours})` };
}

/** Kind: the level (commune … région) and urban or rural (by the largest commune), each half. */
function kindCloseness(territory: TerritoryProfile, campaign: TerritoryProfile): { score: number; reason: string } {
  const level = stepCloseness(KIND_ORDER, territory.kind, campaign.kind);
  const urban = territory.urban === null || campaign.urban === null ? 0.5 : stepCloseness(URBAN_ORDER, territory.urban, campaign.urban);
  const town = campaign.largest ? ` (${campaign.largest.name}, ${inhabitants(campaign.largest.population)})` : '';
  const what = `${KIND_WORDS[campaign.kind]}${campaign.urban ? ` ${URBAN_WORDS[campaign.urban]}` : ''}${town}`;
  const same = territory.kind === campaign.kind && territory.urban === campaign.urban;
  const yours = `${KIND_WORDS[territory.kind]}${territory.urban ? ` ${URBAN_WORDS[territory.urban]}` : ''}`;
  return { score: (level + urban) / 2, reason: same ? `même type de territoire : ${what}` : `territoire différent : ${what} (le vôtre : ${yours})` };
}

/**
 * How close a catalogue campaign is to a territory: size (population, log scale), kind (level and urban or rural)
 * and the share of the territory's journeys its distance rules pay (`fit`, null without journeys: its weight goes
 * to the other two). Each measure gives one French reason.
 */
export function campaignCloseness(territory: TerritoryProfile, campaign: TerritoryProfile, samples: Pick<CampaignSamples, 'cents'>, fit: number | null): Closeness {
  const size = sizeCloseness(territory, campaign);
  const kind = kindCloseness(territory, campaign);
  const paid = paidDistances(samples);
  if (fit === null) {
    const similarity = (WEIGHTS.size * size.score + WEIGHTS.kind * kind.score) / (WEIGHTS.size + WEIGHTS.kind);
    return { similarity, reasons: [size.reason, kind.reason, `distances : votre territoire n’a pas de trajet dans la base pour les comparer${paid ? ` (la campagne paie les trajets ${paid})` : ''}`] };
  }
  const distance = paid
    ? `distances : paie les trajets ${paid}, soit ${formatPercent(fit)} des trajets de votre territoire`
    : 'distances : ne paie aucun trajet à la date de ses dernières règles';
  return { similarity: WEIGHTS.size * size.score + WEIGHTS.kind * kind.score + WEIGHTS.distance * fit, reasons: [size.reason, kind.reason, distance] };
}

/** A day or an instant of a definition, as a French date (an instant by its UTC day, which is its Paris day but near midnight). */
function dateText(value: DateOrInstant): string {
  return formatDay(value.slice(0, 10));
}

/** `du 01/01/2024 au 31/12/2025`, `à partir du 01/02/2024`, `sans limite de dates`. */
export function windowText(window: CampaignDefinition['window']): string {
  if (window.from && window.to) return `du ${dateText(window.from)} au ${dateText(window.to)}`;
  if (window.from) return `à partir du ${dateText(window.from)}`;
  if (window.to) return `jusqu’au ${dateText(window.to)}`;
  return 'sans limite de dates';
}

/** `BLABLACAR_DAILY` → `Blablacar Daily`. */
function operatorName(constant: string): string {
  return constant
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** `B et C`, `C`. */
function joinWithEt(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items.at(-1) ?? ''}`;
}

/**
 * How a campaign pays, in French, read off its definition and its samples: the distances and amounts for one
 * passenger (at the date of its last rules), the operators and classes it accepts, its caps (as the engine labels
 * them), its budget and its dates. E.g. `De 5 à 60 km : de 0,75 € à 2,00 € par passager selon la distance ; classe C ;
 * opérateurs …; plafonds : … ; budget 500 000,00 € ; du 01/01/2024 au 31/12/2025.`
 */
export function howItPays(definition: CampaignDefinition, samples: CampaignSamples, operatorsKnown: number): string {
  const positive = samples.cents.filter((cents) => cents > 0);
  const paid = paidDistances(samples);
  const parts: string[] = [];
  if (positive.length === 0) {
    parts.push(`Ne paie aucun trajet type (un passager, classe C ou B, le ${formatDay(samples.day)})`);
  } else {
    const low = Math.min(...positive);
    const high = Math.max(...positive);
    const amount = low === high ? `${formatCents(low)} par trajet d’un passager` : `de ${formatCents(low)} à ${formatCents(high)} par trajet d’un passager selon la distance`;
    parts.push(`${paid.charAt(0).toUpperCase()}${paid.slice(1)} : ${amount}`);
  }
  if (samples.classes.length > 0) parts.push(`${samples.classes.length > 1 ? 'classes' : 'classe'} de preuve ${joinWithEt(samples.classes)}`);
  if (samples.operators.length > 0 && samples.operators.length < operatorsKnown) {
    parts.push(`${samples.operators.length > 1 ? 'opérateurs' : 'opérateur'} ${joinWithEt(samples.operators.map(operatorName))}`);
  }
  const caps = compileCampaign(definition).limits.filter((limit) => !limit.isBudget).map((limit) => limit.label);
  if (caps.length > 0) parts.push(`plafonds : ${caps.join(', ')}`);
  parts.push(definition.budget_cents === null ? 'sans budget plafond' : `budget ${formatCents(definition.budget_cents)}`);
  parts.push(windowText(definition.window));
  return `${parts.join(' ; ')}.`;
}
