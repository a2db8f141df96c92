import type { CheckCode, CheckParameters } from './check-parameters';

/** How a settings form shows one parameter: a French label and the unit of its value. */
export interface ParameterDoc {
  label: string;
  unit: string;
}

/** A label and unit for every parameter of every check (the compiler refuses a missing one). */
export type CheckParameterDocs = { [K in CheckCode]: { [P in keyof CheckParameters[K]]-?: ParameterDoc } };

const RATIO = 'ratio 0–1';

/**
 * French labels and units of the checks' parameters, for the settings form (values and defaults come from
 * `DEFAULT_CHECK_PARAMETERS` and `resolveParameters`). Units: m, s, km/h, centimes, ratio 0–1, min, h, ×, %, …
 */
export const CHECK_PARAMETER_DOCS: Readonly<CheckParameterDocs> = {
  T01: {},
  T02: {
    termsMinDistanceM: { label: 'Distance minimale des CGU', unit: 'm' },
    campaignMinDistanceM: { label: 'Distance minimale habituelle des campagnes', unit: 'm' },
  },
  T03: {
    detourFactor: { label: 'Facteur de détour toléré (sur la distance routière estimée)', unit: '×' },
    roadFactor: { label: 'Facteur route / vol d’oiseau', unit: '×' },
    detourAllowanceM: { label: 'Marge ajoutée au détour toléré', unit: 'm' },
  },
  T04: {
    highSpeedKmh: { label: 'Vitesse moyenne impossible (élevé)', unit: 'km/h' },
    warnSpeedKmh: { label: 'Vitesse moyenne à vérifier', unit: 'km/h' },
    slowSpeedKmh: { label: 'Vitesse moyenne trop lente', unit: 'km/h' },
    slowMinDistanceM: { label: 'Distance au-delà de laquelle la lenteur est signalée', unit: 'm' },
  },
  T05: {
    minDurationS: { label: 'Durée minimale (élevé en dessous)', unit: 's' },
    shortDurationS: { label: 'Durée courte pour la distance', unit: 's' },
    shortMinDistanceM: { label: 'Distance au-delà de laquelle une durée courte est signalée', unit: 'm' },
    maxDurationS: { label: 'Durée maximale', unit: 's' },
  },
  T06: {
    minDistanceM: { label: 'Distance déclarée minimale d’une boucle signalée', unit: 'm' },
  },
  T07: {
    minDistanceM: { label: 'Distance minimale (déclarée ou calculée)', unit: 'm' },
    minDurationS: { label: 'Durée minimale (déclarée ou calculée)', unit: 's' },
    routedDurationFactor: { label: 'Durée calculée au-delà de ce multiple de la durée déclarée', unit: '×' },
    declaredDurationFactor: { label: 'Durée déclarée au-delà de ce multiple de la durée calculée', unit: '×' },
    routedDistanceFactor: { label: 'Distance calculée au-delà de ce multiple de la distance déclarée', unit: '×' },
    declaredDistanceFactor: { label: 'Distance déclarée au-delà de ce multiple de la distance calculée', unit: '×' },
  },
  T08: {
    maxSeats: { label: 'Places réservées à partir desquelles signaler', unit: 'places' },
  },
  T09: {
    maxContributionCentsPerKm: { label: 'Participation passager maximale au kilomètre', unit: 'centimes/km' },
    maxIncentiveCentsPerTrip: { label: 'Incitations RPC maximales par trajet', unit: 'centimes' },
  },
  T10: {
    nightStartHour: { label: 'Début de la nuit (heure de Paris)', unit: 'h' },
    nightEndHour: { label: 'Fin de la nuit (heure de Paris)', unit: 'h' },
  },
  T11: {
    pendingAfterS: { label: 'Délai après lequel un statut pending est signalé', unit: 's' },
    asOf: { label: 'Date de l’extrait (vide : dernier départ des données)', unit: 'heure de Paris' },
  },
  H01: {
    maxTripsPerDay: { label: 'Trajets distincts par jour au-delà desquels signaler', unit: 'trajets/jour' },
  },
  H02: {
    possibleOverlapRatio: { label: 'Part minimale du plus court trajet couverte par un chevauchement possible', unit: RATIO },
    carCellTolerance: { label: 'Tolérance de position d’une même voiture', unit: 'mailles' },
  },
  H03: {
    maxGapS: { label: 'Écart maximal entre deux trajets du même équipage', unit: 's' },
  },
  H04: {
    maxSpeedKmh: { label: 'Vitesse de déplacement entre deux trajets au-delà de laquelle signaler', unit: 'km/h' },
    minDistanceM: { label: 'Distance minimale entre deux trajets', unit: 'm' },
  },
  H05: {
    warnFlipsPerDay: { label: 'Changements de rôle par jour actif (à vérifier)', unit: 'changements/jour' },
    infoFlipsPerDay: { label: 'Changements de rôle par jour actif (information)', unit: 'changements/jour' },
  },
  H06: {
    minJourneysPerMonth: { label: 'Trajets minimum dans le mois', unit: 'trajets' },
    maxDistanceStdM: { label: 'Écart type de distance en dessous duquel signaler', unit: 'm' },
    maxStartStdMin: { label: 'Écart type d’heure de départ en dessous duquel signaler', unit: 'min' },
    sameSlotRatio: { label: 'Part des trajets sur un même trajet et créneau', unit: RATIO },
  },
  H07: {
    maxMonthlyIncentiveCents: { label: 'Incitations RPC mensuelles maximales (conducteur)', unit: 'centimes' },
    maxTripsPerActiveDay: { label: 'Trajets par jour actif en moyenne', unit: 'trajets/jour' },
  },
  H08: {
    minJourneys: { label: 'Trajets minimum de la personne', unit: 'trajets' },
    nightRatio: { label: 'Part de trajets de nuit au-delà de laquelle signaler', unit: RATIO },
    nightStartHour: { label: 'Début de la nuit (heure de Paris)', unit: 'h' },
    nightEndHour: { label: 'Fin de la nuit (heure de Paris)', unit: 'h' },
  },
  H09: {
    maxIdentityKeysPerUser: { label: 'Clés d’identité par identifiant utilisateur dans le mois', unit: 'clés' },
    maxUserIdsPerIdentity: { label: 'Identifiants utilisateur par clé chez un opérateur dans le mois', unit: 'identifiants' },
  },
  G01: {
    minIdentityKeys: { label: 'Clés d’identité d’une personne reconstituée à signaler', unit: 'clés' },
  },
  G02: {
    windowDays: { label: 'Fenêtre entre les deux sens', unit: 'jours' },
    highEachWay: { label: 'Voyages dans chaque sens pour un signalement élevé', unit: 'voyages' },
  },
  G03: {
    minMembers: { label: 'Taille minimale du cercle', unit: 'personnes' },
    insideRatio: { label: 'Part des trajets de chaque membre faits dans le cercle', unit: RATIO },
    minTripsPerActiveDay: { label: 'Voyages par jour actif du membre le plus actif', unit: 'voyages/jour' },
  },
  G04: {
    minShare: { label: 'Part des trajets de chacun faits avec l’autre', unit: RATIO },
    minJourneysPerMonth: { label: 'Trajets ensemble dans le mois', unit: 'trajets' },
  },
  G05: {
    minExclusivePassengers: { label: 'Passagers exclusifs du conducteur', unit: 'passagers' },
  },
  G06: {},
  G07: {
    minDrivers: { label: 'Voitures distinctes (conducteurs et passagers différents)', unit: 'voitures' },
    distanceToleranceM: { label: 'Écart maximal des distances déclarées', unit: 'm' },
    cellTolerance: { label: 'Tolérance de position des départs et arrivées', unit: 'mailles' },
  },
  G08: {
    growthMinJourneys: { label: 'Trajets dans le mois d’une commune au-delà desquels suivre la croissance', unit: 'trajets' },
    growthPercent: { label: 'Croissance par rapport à la moyenne des mois précédents', unit: '%' },
    growthReferenceMonths: { label: 'Mois précédents de référence', unit: 'mois' },
    maxOccupancy: { label: 'Taux de remplissage (occupants par voiture, conducteur compris, pondéré par les km)', unit: 'occupants/voiture' },
    occupancyMinCarTrips: { label: 'Voyages minimum de la commune dans le mois (remplissage)', unit: 'voyages' },
    nightRatio: { label: 'Part de trajets de nuit de la commune', unit: RATIO },
    nightMinJourneys: { label: 'Trajets minimum de la commune dans le mois (nuit)', unit: 'trajets' },
    nightStartHour: { label: 'Début de la nuit (heure de Paris)', unit: 'h' },
    nightEndHour: { label: 'Fin de la nuit (heure de Paris)', unit: 'h' },
    statusSigmas: { label: 'Écarts types au-dessus de la part fraud_error/anomaly_error du reste du territoire', unit: 'σ' },
    statusMinJourneys: { label: 'Trajets minimum de l’opérateur dans le mois', unit: 'trajets' },
  },
  D01: {
    maxSpeedKmh: { label: 'Vitesse impossible (chevauchement certain, trajets enchaînés)', unit: 'km/h' },
    typicalSpeedKmh: { label: 'Vitesse habituelle d’un trajet déclaré (chevauchement possible)', unit: 'km/h' },
    duplicateWindowS: { label: 'Écart des départs d’un trajet déclaré déjà prouvé par le registre', unit: 's' },
    minDistanceM: { label: 'Distance en deçà de laquelle deux trajets enchaînés ne sont pas signalés', unit: 'm' },
  },
};
