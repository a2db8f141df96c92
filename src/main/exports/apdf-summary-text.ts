import { APDF_TRIP_HEADERS } from './apdf-trips-sheet';

export const SUMMARY_SHEET = 'Synthèse par tranche';
export const TRIPS_SHEET = 'Trajets';

/** French definition of each « Trajets » column, in column order (rows 22-40 of the summary). */
export const FIELD_DEFINITIONS: Readonly<Record<(typeof APDF_TRIP_HEADERS)[number], string>> = {
  rpc_journey_id: 'Identifiant unique du trajet attribué par le registre de preuve de covoiturage (RPC).',
  operator_journey_id: 'Identifiant du trajet chez l’opérateur (un couple conducteur–passager).',
  operator_trip_id: 'Identifiant du voyage chez l’opérateur : regroupe les trajets des passagers d’un même véhicule.',
  start_datetime: 'Date et heure de début du trajet, heure de Paris avec son décalage UTC (AAAA-MM-JJTHH:MM:SS+HH:MM).',
  end_datetime: 'Date et heure de fin du trajet, même format.',
  start_location: 'Commune (ou arrondissement municipal) de départ.',
  start_epci: 'EPCI (intercommunalité) de la commune de départ.',
  start_insee: 'Code INSEE de la commune (ou de l’arrondissement municipal) de départ.',
  end_location: 'Commune (ou arrondissement municipal) d’arrivée.',
  end_epci: 'EPCI (intercommunalité) de la commune d’arrivée.',
  end_insee: 'Code INSEE de la commune (ou de l’arrondissement municipal) d’arrivée.',
  duration: 'Durée du trajet, au format HH:MM:SS.',
  distance: 'Distance du trajet, en mètres.',
  operator: 'Nom de l’opérateur de covoiturage.',
  operator_class: 'Classe de preuve du trajet (A, B ou C).',
  driver_operator_user_id: 'Identifiant du conducteur chez l’opérateur.',
  passenger_operator_user_id: 'Identifiant du passager chez l’opérateur.',
  rpc_incentive: 'Montant de l’incitation calculée par le RPC pour cette campagne, en euros.',
  incentive_type: 'Période d’incitation du trajet : « normale » ou « booster ».',
};

/** One entry of the G1:L36 block; `rows` is how many sheet rows its merged cell spans. */
export type GuideEntry =
  | { kind: 'title'; text: string }
  | { kind: 'gap' }
  | { kind: 'text'; text: string; rows: number }
  | { kind: 'link'; text: string; target: string; rows: number };

const internal = (sheet: string): string => `#'${sheet}'!A1`;

/** Rules, sheet presentation and useful links, top to bottom in G1:L36 (36 rows in all, a test checks it). */
export const GUIDE: readonly GuideEntry[] = [
  { kind: 'title', text: 'RÈGLES DE CALCUL DES INCITATIONS RPC' },
  { kind: 'gap' },
  {
    kind: 'text',
    rows: 3,
    text:
      'Le registre de preuve de covoiturage (RPC) applique les règles de la campagne aux trajets de statut « ok » et ' +
      '« cancel » : chaque trajet reçoit un montant, nul s’il ne remplit pas les conditions ou si un plafond de la ' +
      'campagne est atteint.',
  },
  {
    kind: 'text',
    rows: 3,
    text:
      'Tous les trajets de l’opérateur dont l’incitation est validée pour le mois figurent dans l’onglet « Trajets », ' +
      'y compris ceux à 0 € : ils comptent dans « Tous les trajets », pas dans « Trajets incités » (montant supérieur à 0 €).',
  },
  { kind: 'text', rows: 2, text: 'Les montants sont en euros (colonne rpc_incentive), les distances en mètres (colonne distance).' },
  {
    kind: 'text',
    rows: 3,
    text:
      'Période « booster » : trajets dont la date de début ou de fin (heure de Paris) est un jour « booster » de la ' +
      'campagne ; les autres trajets relèvent de la période « normale ».',
  },
  { kind: 'text', rows: 2, text: 'Une tranche de distance comprend sa borne basse et exclut sa borne haute.' },
  { kind: 'gap' },
  { kind: 'title', text: 'PRÉSENTATION DES ONGLETS' },
  { kind: 'gap' },
  {
    kind: 'link',
    rows: 2,
    target: internal(SUMMARY_SHEET),
    text: `${SUMMARY_SHEET} : incitations et nombres de trajets par tranche de distance, en période normale et booster, calculés par formules depuis l’onglet Trajets.`,
  },
  {
    kind: 'link',
    rows: 2,
    target: internal(TRIPS_SHEET),
    text: `${TRIPS_SHEET} : un trajet par ligne avec son incitation RPC ; les colonnes sont définies sous « DEFINITIONS DES CHAMPS ».`,
  },
  { kind: 'gap' },
  { kind: 'title', text: 'LIENS UTILES' },
  { kind: 'gap' },
  { kind: 'link', rows: 1, target: 'https://doc.covoiturage.beta.gouv.fr', text: 'Documentation du registre de preuve de covoiturage' },
  { kind: 'link', rows: 1, target: 'https://tech.covoiturage.beta.gouv.fr', text: 'Documentation technique' },
  { kind: 'link', rows: 1, target: 'https://app.covoiturage.beta.gouv.fr', text: 'Tableau de bord des territoires et des opérateurs' },
  {
    kind: 'link',
    rows: 1,
    target: 'https://doc.covoiturage.beta.gouv.fr/nos-services/le-registre-de-preuve-de-covoiturage/cgu-conditions-generales-dutilisation',
    text: 'Conditions générales d’utilisation',
  },
  { kind: 'link', rows: 1, target: 'mailto:contact@covoiturage.beta.gouv.fr', text: 'Contact : contact@covoiturage.beta.gouv.fr' },
  { kind: 'gap' },
  {
    kind: 'text',
    rows: 5,
    text:
      'Contrôles de cohérence : la somme de la colonne rpc_incentive est égale au montant en centimes du nom du fichier ' +
      'divisé par 100, le nombre de lignes au nombre de trajets, le nombre de montants supérieurs à 0 au nombre de ' +
      'trajets incités, et les totaux de cet onglet aux sommes recalculées depuis l’onglet Trajets.',
  },
];
