import type { TripRow } from '../domain/trips/trip-row';

/** A journey as the trip list exports it: the stored row plus its operator's display name. */
export type TripExportRow = TripRow & { operator_name: string | null };

/**
 * How a column's raw value is written. Raw values keep the store's units; each writer converts:
 * `cents` → euros, `metres` → km (3 decimals), `seconds` → minutes (1 decimal), `local-datetime` is the
 * Europe/Paris wall-clock text `YYYY-MM-DD HH:MM:SS`.
 */
export type TripListKind = 'text' | 'integer' | 'cents' | 'metres' | 'seconds' | 'local-datetime';

export interface TripListColumn {
  header: string;
  /** Excel width, in characters. */
  width: number;
  kind: TripListKind;
  value(row: TripExportRow): string | number | null;
}

/** Sum of the non-null amounts, null when all are null (no incentive declared is not « 0 € »). */
function totalCents(...amounts: Array<number | null>): number | null {
  let total: number | null = null;
  for (const amount of amounts) if (amount !== null) total = (total ?? 0) + amount;
  return total;
}

type Place = 'start' | 'end';

/** The six codes of one end of a journey: arrondissement or commune, commune, EPCI, AOM, département, région. */
function placeColumns(place: Place, label: string): TripListColumn[] {
  const code = (field: 'insee' | 'com' | 'epci' | 'aom' | 'dep' | 'reg') => (row: TripExportRow) => row[`${place}_${field}`];
  return [
    { header: `${label} : code INSEE`, width: 12, kind: 'text', value: code('insee') },
    { header: `${label} : commune (code)`, width: 12, kind: 'text', value: code('com') },
    { header: `${label} : EPCI (SIREN)`, width: 13, kind: 'text', value: code('epci') },
    { header: `${label} : AOM (SIREN)`, width: 13, kind: 'text', value: code('aom') },
    { header: `${label} : département`, width: 10, kind: 'text', value: code('dep') },
    { header: `${label} : région`, width: 8, kind: 'text', value: code('reg') },
  ];
}

/**
 * Columns of the trip list, shared by the CSV and xlsx writers. Identity keys and operators' user ids are left out
 * on purpose: the list is meant to circulate (finance, analysts) and must not let anyone follow a person.
 */
export const TRIP_LIST_COLUMNS: readonly TripListColumn[] = [
  { header: 'Identifiant registre', width: 12, kind: 'integer', value: (row) => row.journey_id },
  { header: 'Opérateur', width: 22, kind: 'text', value: (row) => row.operator_name },
  { header: 'Identifiant trajet opérateur', width: 38, kind: 'text', value: (row) => row.operator_journey_id },
  { header: 'Identifiant voyage opérateur', width: 38, kind: 'text', value: (row) => row.operator_trip_id },
  { header: 'Classe', width: 7, kind: 'text', value: (row) => row.operator_class },
  { header: 'Statut', width: 13, kind: 'text', value: (row) => row.status },
  { header: 'Début (heure de Paris)', width: 17, kind: 'local-datetime', value: (row) => row.start_local },
  { header: 'Fin (heure de Paris)', width: 17, kind: 'local-datetime', value: (row) => row.end_local },
  { header: 'Durée (min)', width: 10, kind: 'seconds', value: (row) => row.duration_s },
  { header: 'Distance (km)', width: 12, kind: 'metres', value: (row) => row.distance_m },
  ...placeColumns('start', 'Départ'),
  ...placeColumns('end', 'Arrivée'),
  { header: 'Places passager', width: 9, kind: 'integer', value: (row) => row.seats },
  { header: 'Revenu conducteur (€)', width: 14, kind: 'cents', value: (row) => row.driver_revenue_cents },
  { header: 'Contribution passager (€)', width: 14, kind: 'cents', value: (row) => row.passenger_contribution_cents },
  {
    header: 'Incitations du registre (€)',
    width: 14,
    kind: 'cents',
    value: (row) => totalCents(row.rpc_incentive_0_cents, row.rpc_incentive_1_cents, row.rpc_incentive_2_cents),
  },
  {
    header: 'Incitations des opérateurs (€)',
    width: 14,
    kind: 'cents',
    value: (row) => totalCents(row.op_incentive_0_cents, row.op_incentive_1_cents, row.op_incentive_2_cents),
  },
];

/** Minutes with one decimal, rounded from whole seconds (the same figure in the CSV and the xlsx). */
export function minutesOf(seconds: number): number {
  return Math.round(seconds / 6) / 10;
}
