import { formatCents, formatDateTime, formatDay, formatMonth } from '../util/format';

/**
 * French names and units of the evidence keys the checks emit (src/main/domain/checks), and the French way to show
 * their values. Shared: the review page shows evidence with it, and a test runs every check and fails on a key
 * missing here, so that no raw key (`maxSpeedKmh`) reaches the screen.
 */

/**
 * How a value is measured, hence shown: `metres` (`850 m`, `4,999 km`), `kmh`, `seconds` and `minutes` (`12 min`,
 * `1 h 20 min`), `ratio` (0..1, shown as %), `percent` (already ×100), `cents` (€), `centsPerKm` (€/km), `factor`
 * (`× 2,5`), `hour` (local hour `23 h`), `count` and `decimal` (French numbers), `day`, `month`, `instant` (UTC ISO),
 * `boolean` (oui/non), `code` (a check's code word, translated by `EVIDENCE_CODES`), `text` (as is).
 */
export type EvidenceUnit =
  | 'metres' | 'kmh' | 'seconds' | 'minutes' | 'ratio' | 'percent' | 'cents' | 'centsPerKm' | 'factor' | 'hour'
  | 'count' | 'decimal' | 'day' | 'month' | 'instant' | 'boolean' | 'code' | 'text';

export interface EvidenceKeyInfo {
  /** French name, without the unit (the value carries it). */
  label: string;
  unit: EvidenceUnit;
  /** A negative value stands for a missing one (`-1` when the journey does not declare it). */
  negativeIsUnknown?: boolean;
}

const metres = (label: string): EvidenceKeyInfo => ({ label, unit: 'metres' });
const seconds = (label: string): EvidenceKeyInfo => ({ label, unit: 'seconds' });
const ratio = (label: string): EvidenceKeyInfo => ({ label, unit: 'ratio' });
const count = (label: string): EvidenceKeyInfo => ({ label, unit: 'count' });
const cents = (label: string): EvidenceKeyInfo => ({ label, unit: 'cents' });
const code = (label: string): EvidenceKeyInfo => ({ label, unit: 'code' });

/** Every evidence key, by name; the same name means the same thing in every check, but for `EVIDENCE_KEYS_BY_CHECK`. */
export const EVIDENCE_KEYS: Readonly<Record<string, EvidenceKeyInfo>> = {
  // Journey measures and the thresholds they are compared with (T01–T11, H04).
  sameIdentityKey: { label: 'Même clé d’identité', unit: 'boolean' },
  sameOperatorUserId: { label: 'Même identifiant utilisateur chez l’opérateur', unit: 'boolean' },
  distanceM: { label: 'Distance déclarée', unit: 'metres', negativeIsUnknown: true },
  durationS: { label: 'Durée déclarée', unit: 'seconds', negativeIsUnknown: true },
  termsMinDistanceM: metres('Minimum des CGU'),
  campaignMinDistanceM: metres('Minimum habituel des campagnes'),
  belowTermsMinimum: { label: 'Sous le minimum des CGU', unit: 'boolean' },
  straightLineM: metres('Distance à vol d’oiseau'),
  truncationSlackM: metres('Marge due à la troncature des coordonnées'),
  maxPlausibleM: metres('Distance plausible maximale'),
  minDistanceM: metres('Distance minimale'),
  minDurationS: seconds('Durée minimale'),
  kind: code('Nature'),
  speedKmh: { label: 'Vitesse moyenne', unit: 'kmh' },
  thresholdKmh: { label: 'Seuil de vitesse', unit: 'kmh' },
  maxSpeedKmh: { label: 'Vitesse maximale admise', unit: 'kmh' },
  thresholdS: seconds('Seuil de durée'),
  routedDistanceM: metres('Distance de l’itinéraire calculé'),
  routedDurationS: seconds('Durée de l’itinéraire calculé'),
  routedDurationFactor: { label: 'Facteur maximal durée calculée / déclarée', unit: 'factor' },
  declaredDurationFactor: { label: 'Facteur maximal durée déclarée / calculée', unit: 'factor' },
  routedDistanceFactor: { label: 'Facteur maximal distance calculée / déclarée', unit: 'factor' },
  declaredDistanceFactor: { label: 'Facteur maximal distance déclarée / calculée', unit: 'factor' },
  seats: count('Places réservées'),
  threshold: ratio('Seuil'),
  reasons: code('Motifs'),
  contributionCentsPerKm: { label: 'Participation du passager au kilomètre', unit: 'centsPerKm' },
  maxContributionCentsPerKm: { label: 'Participation maximale au kilomètre', unit: 'centsPerKm' },
  rpcIncentiveCents: cents('Incitation du registre'),
  maxIncentiveCentsPerTrip: cents('Incitation maximale par trajet'),
  localHour: { label: 'Heure de départ (Paris)', unit: 'hour' },
  status: code('Statut du registre'),
  pendingAfterS: seconds('Délai au-delà duquel l’attente est signalée'),
  // A person's history (H01–H09).
  day: { label: 'Jour', unit: 'day' },
  month: { label: 'Mois', unit: 'month' },
  trips: count('Voyages'),
  limit: count('Voyages par jour admis'),
  operators: count('Opérateurs'),
  maxTripsOneOperator: count('Voyages chez un même opérateur (max.)'),
  scope: code('Portée'),
  overlap: code('Chevauchement'),
  overlapS: seconds('Durée chevauchée'),
  overlapRatio: ratio('Part chevauchée du trajet le plus court'),
  minRatio: ratio('Part chevauchée minimale'),
  roles: code('Rôles'),
  gapS: seconds('Écart entre les trajets'),
  maxGapS: seconds('Écart maximal'),
  overlapping: { label: 'Se chevauchent', unit: 'boolean' },
  crossOperator: { label: 'Chez deux opérateurs', unit: 'boolean' },
  flips: count('Changements de rôle'),
  activeDays: count('Jours actifs'),
  flipsPerDay: { label: 'Changements de rôle par jour actif', unit: 'decimal' },
  warnFlipsPerDay: { label: 'Seuil de changements de rôle par jour', unit: 'decimal' },
  distanceStdM: metres('Écart type des distances'),
  startStdMin: { label: 'Écart type des heures de départ', unit: 'minutes' },
  sameSlotRatio: ratio('Part au même créneau de départ'),
  incentiveCents: cents('Incitations du registre reçues'),
  maxMonthlyIncentiveCents: cents('Incitations mensuelles maximales'),
  tripsPerActiveDay: { label: 'Voyages par jour actif', unit: 'decimal' },
  journeys: count('Trajets'),
  nightJourneys: count('Trajets de nuit'),
  nightShare: ratio('Part de trajets de nuit'),
  operator: { label: 'Opérateur (numéro)', unit: 'text' },
  account: { label: 'Compte ou clé en cause', unit: 'text' },
  identityKeys: count('Clés d’identité'),
  operatorUserIds: { label: 'Identifiants utilisateur chez l’opérateur', unit: 'text' },
  // Graph checks (G01–G07).
  operatorUsers: { label: 'Comptes d’opérateur', unit: 'text' },
  aliases: { label: 'Identifiants regroupés (côtés de trajets)', unit: 'text' },
  firstDroveSecond: count('La première a conduit la seconde (fois)'),
  secondDroveFirst: count('La seconde a conduit la première (fois)'),
  closestOppositeS: seconds('Plus court écart entre deux sens opposés'),
  highEachWay: count('Seuil « élevé » : fois dans chaque sens'),
  members: count('Membres'),
  busiestTripsPerActiveDay: { label: 'Voyages par jour actif du membre le plus actif', unit: 'decimal' },
  degrees: { label: 'Liens de chaque membre', unit: 'text' },
  journeysTogether: count('Trajets ensemble'),
  shareFirst: ratio('Part des trajets de la première ensemble'),
  shareSecond: ratio('Part des trajets de la seconde ensemble'),
  minShare: ratio('Part minimale'),
  exclusivePassengers: count('Passagers exclusifs'),
  passengers: count('Passagers'),
  minExclusivePassengers: count('Passagers exclusifs au moins'),
  linkedJourneys: { label: 'Trajets liés', unit: 'text' },
  startInsee: { label: 'Commune de départ (INSEE)', unit: 'text' },
  endInsee: { label: 'Commune d’arrivée (INSEE)', unit: 'text' },
  startAt: { label: 'Départ publié', unit: 'instant' },
  drivers: count('Conducteurs'),
  distanceSpreadM: metres('Écart entre les distances déclarées'),
  minDrivers: count('Voitures au moins'),
  distanceToleranceM: metres('Tolérance sur la distance'),
  cellTolerance: count('Tolérance en mailles de coordonnées'),
  // Territory monitors (G08).
  monitor: code('Indicateur'),
  previousMonthsMean: { label: 'Moyenne des mois précédents (trajets)', unit: 'decimal' },
  growthPercent: { label: 'Hausse', unit: 'percent' },
  growthMinJourneys: count('Trajets au moins pour juger la hausse'),
  growthThresholdPercent: { label: 'Hausse signalée au-delà de', unit: 'percent' },
  referenceMonths: count('Mois de référence'),
  occupancy: { label: 'Occupants par voiture (conducteur compris)', unit: 'decimal' },
  passengersPerCarTrip: { label: 'Passagers par voyage', unit: 'decimal' },
  carTrips: count('Voyages'),
  maxOccupancy: { label: 'Occupants par voiture au plus', unit: 'decimal' },
  occupancyMinCarTrips: count('Voyages au moins pour juger le remplissage'),
  nightRatio: ratio('Part de nuit signalée au-delà de'),
  nightMinJourneys: count('Trajets au moins pour juger la part de nuit'),
  nightStartHour: { label: 'Début de la nuit', unit: 'hour' },
  nightEndHour: { label: 'Fin de la nuit', unit: 'hour' },
  rejectedJourneys: count('Trajets en fraude ou anomalie'),
  share: ratio('Part de l’opérateur'),
  territoryShare: ratio('Part du reste du territoire'),
  sigma: ratio('Écart type de la part'),
  statusSigmas: { label: 'Écarts types au-delà de la part du territoire', unit: 'decimal' },
  statusMinJourneys: count('Trajets au moins pour juger l’opérateur'),
  // Declared journeys (D01).
  declarant: { label: 'Déclarant', unit: 'text' },
  declaredStart: { label: 'Départ déclaré', unit: 'instant' },
  otherSource: code('Autre trajet'),
  otherStart: { label: 'Départ de l’autre trajet', unit: 'instant' },
  startGapS: seconds('Écart entre les deux départs'),
  duplicateWindowS: seconds('Écart toléré pour un même trajet'),
  typicalSpeedKmh: { label: 'Vitesse habituelle supposée', unit: 'kmh' },
};

/** Keys a check uses in its own sense, by check code: T08's `threshold` counts seats, not a share. */
export const EVIDENCE_KEYS_BY_CHECK: Readonly<Record<string, Readonly<Record<string, EvidenceKeyInfo>>>> = {
  T08: { threshold: count('Seuil (places)') },
};

/** French for the code words of `code` values (`kind`, `reasons`, `status`, `roles`…). */
export const EVIDENCE_CODES: Readonly<Record<string, string>> = {
  shorter_than_straight_line: 'plus courte que le vol d’oiseau',
  detour: 'détour invraisemblable',
  slow: 'trop lent (marche, transport en commun)',
  too_short: 'trop courte',
  short_for_distance: 'trop courte pour la distance',
  too_long: 'trop longue',
  same_day_swap: 'rôles échangés le même jour',
  user_with_several_keys: 'un compte sous plusieurs clés d’identité',
  key_with_many_users: 'une clé d’identité sous plusieurs comptes',
  contribution_per_km: 'participation au kilomètre au-delà du partage de frais',
  negative_amount: 'montant négatif',
  incentive_above_max: 'incitation au-delà du maximum par trajet',
  incentive_on_rejected_status: 'incitation sur un trajet en fraude ou anomalie',
  distance_below_min: 'distance déclarée sous le minimum',
  routed_distance_below_min: 'distance calculée sous le minimum',
  duration_below_min: 'durée déclarée sous le minimum',
  routed_duration_below_min: 'durée calculée sous le minimum',
  routed_duration_above_declared: 'durée calculée bien plus longue que la déclarée',
  declared_duration_above_routed: 'durée déclarée bien plus longue que la calculée',
  routed_distance_above_declared: 'distance calculée bien plus longue que la déclarée',
  declared_distance_above_routed: 'distance déclarée bien plus longue que la calculée',
  fraud_error: 'fraude (fraud_error)',
  anomaly_error: 'anomalie (anomaly_error)',
  pending: 'en attente (pending)',
  operator: 'chez un seul opérateur',
  interoperator: 'entre opérateurs',
  certain: 'certain',
  possible: 'possible',
  driver: 'conducteur',
  passenger: 'passager',
  commune_growth: 'hausse du nombre de trajets d’une commune',
  filling_rate: 'taux de remplissage des voitures',
  night_share: 'part de trajets de nuit',
  operator_status_share: 'part de trajets en fraude ou anomalie d’un opérateur',
  declared_overlap: 'chevauchement avec un autre trajet de la personne',
  declared_speed: 'vitesse impossible jusqu’au trajet suivant',
  declared_registry_duplicate: 'trajet déjà prouvé par le registre',
  registry_journey: 'trajet du registre',
  declared_journey: 'autre trajet déclaré',
};

/** The name and unit of a key in a check's evidence (`T04@1`, or a bare code); undefined for an unknown key. */
export function evidenceKeyInfo(checkId: string, key: string): EvidenceKeyInfo | undefined {
  const checkCode = checkId.split('@')[0] ?? '';
  return EVIDENCE_KEYS_BY_CHECK[checkCode]?.[key] ?? (Object.hasOwn(EVIDENCE_KEYS, key) ? EVIDENCE_KEYS[key] : undefined);
}

const MINUS = '\u2212';
const NBSP = '\u00a0';
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const kmFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const kmhFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const ratioFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const perKmFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** Seconds → `45 s`, `12 min`, `12 min 30 s`, `1 h 20 min`, `48 h`; negative with a minus sign (an overlap). */
export function formatEvidenceDuration(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? MINUS : '';
  const abs = Math.round(Math.abs(totalSeconds));
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  if (h > 0) return `${sign}${h}${NBSP}h${m > 0 ? ` ${m}${NBSP}min` : ''}`;
  if (m > 0) return `${sign}${m}${NBSP}min${s > 0 ? ` ${s}${NBSP}s` : ''}`;
  return `${sign}${s}${NBSP}s`;
}

/** Metres → `850 m` under a kilometre, else kilometres to the metre (`4,999 km`, `60 km`). */
export function formatEvidenceMetres(value: number): string {
  return Math.abs(value) < 1000 ? `${numberFormat.format(Math.round(value))}${NBSP}m` : `${kmFormat.format(value / 1000)}${NBSP}km`;
}

// Identity keys are 64-hex-digit hashes: 10 digits tell persons apart on screen (as the review queue shows them).
const IDENTITY_KEY = /\b[0-9a-f]{64}\b/gi;

function formatNumber(unit: EvidenceUnit, value: number): string {
  switch (unit) {
    case 'metres':
      return formatEvidenceMetres(value);
    case 'kmh':
      return `${kmhFormat.format(value)}${NBSP}km/h`;
    case 'seconds':
      return formatEvidenceDuration(value);
    case 'minutes':
      return formatEvidenceDuration(value * 60);
    case 'ratio':
      return ratioFormat.format(value);
    case 'percent':
      return `${numberFormat.format(value)}${NBSP}%`;
    case 'cents':
      return formatCents(value);
    case 'centsPerKm':
      return `${perKmFormat.format(value / 100)}/km`;
    case 'factor':
      return `×${NBSP}${numberFormat.format(value)}`;
    case 'hour':
      return `${value}${NBSP}h`;
    default:
      return numberFormat.format(value);
  }
}

function formatText(unit: EvidenceUnit, value: string): string {
  if (unit === 'code') return EVIDENCE_CODES[value] ?? value;
  if (unit === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  if (unit === 'month' && /^\d{4}-\d{2}$/.test(value)) return formatMonth(value);
  if (unit === 'instant' && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
  return value.replace(IDENTITY_KEY, (key) => `${key.slice(0, 10)}…`);
}

/**
 * A value of the evidence in French with its unit (`212,4 km/h`, `12 min`, `85 %`, `4,50 €`, `oui`); lists are
 * joined with commas. Without `info` (a key this version does not know) numbers and texts are shown as they are.
 */
export function formatEvidenceValue(info: EvidenceKeyInfo | undefined, value: unknown): string {
  const unit = info?.unit ?? 'text';
  if (Array.isArray(value)) return value.map((item) => formatEvidenceValue(info, item)).join(', ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') {
    if (info?.negativeIsUnknown && value < 0) return 'inconnue';
    return Number.isFinite(value) ? formatNumber(unit, value) : String(value);
  }
  if (typeof value === 'string') return formatText(unit, value);
  return JSON.stringify(value);
}

/** One line of evidence as the reviewer reads it. */
export interface EvidenceLine {
  key: string;
  /** French name, or the raw key for a key this version does not know (flags stored by a newer check). */
  label: string;
  value: string;
}

/** A flag's evidence in French, in the order the check wrote it. */
export function describeEvidence(checkId: string, evidence: Readonly<Record<string, unknown>>): EvidenceLine[] {
  return Object.entries(evidence).map(([key, raw]) => {
    const info = evidenceKeyInfo(checkId, key);
    return { key, label: info?.label ?? key, value: formatEvidenceValue(info, raw) };
  });
}
