import { DRIVER_KEYED, PASSENGER_KEYED } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckFlag, CheckTrip } from './check-types';
import { cellDiagonalMetres, haversineMetres, sameCell } from './geometry';
import { isNightHour, journeyFlag, round2 } from './flag-helpers';

/** T01: the driver is the passenger (same identity key, or same operator user id at the row's operator). */
export const selfCarpool = defineCheck({
  code: 'T01', version: 1, family: 'trip', severity: 'high',
  label: 'Autopartage (conducteur = passager)',
  description: 'Même clé d’identité, ou même identifiant utilisateur de l’opérateur, pour le conducteur et le passager.',
  run(context, _p, id) {
    const flags: CheckFlag[] = [];
    const { driverNo, passengerNo, keyedSides } = context;
    const { driverAccount, passengerAccount } = context.accounts();
    // On numbers: identity keys are person numbers, (operator, user id) pairs account numbers.
    for (let i = 0; i < driverNo.length; i += 1) {
      const sameKey = keyedSides[i] === (DRIVER_KEYED | PASSENGER_KEYED) && driverNo[i] === passengerNo[i];
      const sameUser = (driverAccount[i] as number) >= 0 && driverAccount[i] === passengerAccount[i];
      if (sameKey || sameUser) flags.push(journeyFlag(id, 'high', context, i, { sameIdentityKey: sameKey, sameOperatorUserId: sameUser }));
    }
    return flags;
  },
});

/** T02: declared distance under the terms minimum or the usual campaign minimum. */
export const shortTrip = defineCheck({
  code: 'T02', version: 1, family: 'trip', severity: 'warning',
  label: 'Trajet trop court',
  description: 'Distance déclarée inférieure au minimum des CGU (1 km) ou au minimum habituel des campagnes (2 km).',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    context.trips.forEach((t, i) => {
      if (t.distance_m === null || t.distance_m >= p.campaignMinDistanceM) return;
      flags.push(journeyFlag(id, 'warning', context, i, {
        distanceM: t.distance_m, campaignMinDistanceM: p.campaignMinDistanceM,
        termsMinDistanceM: p.termsMinDistanceM, belowTermsMinimum: t.distance_m < p.termsMinDistanceM,
      }));
    });
    return flags;
  },
});

/**
 * T03: declared distance against the straight line between the published points. Shorter than the straight line
 * (minus twice each point's truncation cell) is impossible; far longer than a plausible road detour is suspicious.
 */
export const distanceVsStraightLine = defineCheck({
  code: 'T03', version: 1, family: 'trip', severity: 'high',
  label: 'Distance incohérente avec le vol d’oiseau',
  description: 'Distance déclarée plus courte que la distance à vol d’oiseau (impossible) ou bien plus longue qu’un détour plausible.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    context.trips.forEach((t, i) => {
      if (t.distance_m === null || t.start_lat === null || t.start_lon === null || t.end_lat === null || t.end_lon === null) return;
      const straight = haversineMetres(t.start_lat, t.start_lon, t.end_lat, t.end_lon);
      const maxPlausible = p.detourFactor * p.roadFactor * straight + p.detourAllowanceM;
      if (straight <= t.distance_m && t.distance_m <= maxPlausible) return;
      const slack = 2 * (cellDiagonalMetres(t.start_lat, t.start_lon) + cellDiagonalMetres(t.end_lat, t.end_lon));
      const evidence = { distanceM: t.distance_m, straightLineM: Math.round(straight), truncationSlackM: Math.round(slack) };
      if (straight - slack > t.distance_m) flags.push(journeyFlag(id, 'high', context, i, { ...evidence, kind: 'shorter_than_straight_line' }));
      else if (t.distance_m > maxPlausible) flags.push(journeyFlag(id, 'warning', context, i, { ...evidence, kind: 'detour', maxPlausibleM: Math.round(maxPlausible) }));
    });
    return flags;
  },
});

/** T04 evidence: speed, declared distance and duration, threshold crossed. */
const speedEvidence = (kmh: number, t: CheckTrip, thresholdKmh: number): Record<string, number> =>
  ({ speedKmh: round2(kmh), distanceM: t.distance_m ?? -1, durationS: t.duration_s ?? -1, thresholdKmh });

/** T04: mean speed from declared distance and raw declared duration (never ceiled). */
export const speed = defineCheck({
  code: 'T04', version: 1, family: 'trip', severity: 'high',
  label: 'Vitesse moyenne invraisemblable',
  description: 'Vitesse moyenne déclarée au-delà de 130 km/h (110 km/h : à vérifier), ou sous 8 km/h sur plus de 3 km (marche, transport en commun).',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    context.trips.forEach((t, i) => {
      if (t.distance_m === null || !t.duration_s || t.duration_s <= 0) return;
      const kmh = (t.distance_m / t.duration_s) * 3.6;
      // Evidence is built for flagged journeys only: a million short-lived objects would cost collections.
      if (kmh > p.highSpeedKmh) flags.push(journeyFlag(id, 'high', context, i, speedEvidence(kmh, t, p.highSpeedKmh)));
      else if (kmh > p.warnSpeedKmh) flags.push(journeyFlag(id, 'warning', context, i, speedEvidence(kmh, t, p.warnSpeedKmh)));
      else if (kmh < p.slowSpeedKmh && t.distance_m > p.slowMinDistanceM) {
        flags.push(journeyFlag(id, 'warning', context, i, { ...speedEvidence(kmh, t, p.slowSpeedKmh), kind: 'slow' }));
      }
    });
    return flags;
  },
});

/** T05 evidence: declared duration and distance, threshold crossed and kind. */
const durationEvidence = (t: CheckTrip, thresholdS: number, kind: string): Record<string, number | string> =>
  ({ durationS: t.duration_s ?? -1, distanceM: t.distance_m ?? -1, thresholdS, kind });

/** T05: declared duration too short or too long. */
export const duration = defineCheck({
  code: 'T05', version: 1, family: 'trip', severity: 'high',
  label: 'Durée anormale',
  description: 'Durée déclarée sous 60 s, sous 5 min pour plus de 2 km, ou au-delà de 3 h.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    context.trips.forEach((t, i) => {
      const d = t.duration_s;
      if (d === null) return;
      if (d < p.minDurationS) flags.push(journeyFlag(id, 'high', context, i, durationEvidence(t, p.minDurationS, 'too_short')));
      else if (d < p.shortDurationS && (t.distance_m ?? 0) > p.shortMinDistanceM) {
        flags.push(journeyFlag(id, 'warning', context, i, durationEvidence(t, p.shortDurationS, 'short_for_distance')));
      } else if (d > p.maxDurationS) flags.push(journeyFlag(id, 'warning', context, i, durationEvidence(t, p.maxDurationS, 'too_long')));
    });
    return flags;
  },
});

/** T06: the journey ends in the truncation cell it started from, yet declares a real distance. */
export const loopTrip = defineCheck({
  code: 'T06', version: 1, family: 'trip', severity: 'warning',
  label: 'Boucle (départ = arrivée)',
  description: 'Points de départ et d’arrivée dans la même maille de coordonnées tronquées, pour une distance déclarée de plus de 2 km.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    context.trips.forEach((t, i) => {
      if (t.distance_m === null || t.distance_m <= p.minDistanceM) return;
      if (t.start_lat === null || t.start_lon === null || t.end_lat === null || t.end_lon === null) return;
      if (sameCell(t.start_lat, t.start_lon, t.end_lat, t.end_lon)) {
        flags.push(journeyFlag(id, 'warning', context, i, { distanceM: t.distance_m, minDistanceM: p.minDistanceM }));
      }
    });
    return flags;
  },
});

/** T08: seats booked by the passenger at or above the threshold. */
export const seats = defineCheck({
  code: 'T08', version: 1, family: 'trip', severity: 'warning',
  label: 'Nombre de places élevé',
  description: 'Au moins 4 places réservées par un même passager.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    context.trips.forEach((t, i) => {
      if (t.seats !== null && t.seats >= p.maxSeats) flags.push(journeyFlag(id, 'warning', context, i, { seats: t.seats, threshold: p.maxSeats }));
    });
    return flags;
  },
});

/** T09: money out of the cost-sharing frame. */
export const money = defineCheck({
  code: 'T09', version: 1, family: 'trip', severity: 'warning',
  label: 'Montants anormaux',
  description: 'Participation au km au-delà du partage de frais, montant négatif, incitation RPC au-delà du maximum par trajet ou versée sur un trajet en fraude/anomalie.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    context.trips.forEach((t, i) => {
      const incentive = (t.rpc_incentive_0_cents ?? 0) + (t.rpc_incentive_1_cents ?? 0) + (t.rpc_incentive_2_cents ?? 0);
      const contribution = t.passenger_contribution_cents;
      const perKm = contribution !== null && t.distance_m ? contribution / (t.distance_m / 1000) : 0;
      const perKmOver = perKm > p.maxContributionCentsPerKm;
      const negative = (contribution ?? 0) < 0 || (t.driver_revenue_cents ?? 0) < 0;
      const incentiveOver = incentive > p.maxIncentiveCentsPerTrip;
      const onRejected = incentive > 0 && (t.status === 'fraud_error' || t.status === 'anomaly_error');
      // The reasons list is built for flagged journeys only.
      if (!perKmOver && !negative && !incentiveOver && !onRejected) return;
      const reasons: string[] = [];
      if (perKmOver) reasons.push('contribution_per_km');
      if (negative) reasons.push('negative_amount');
      if (incentiveOver) reasons.push('incentive_above_max');
      if (onRejected) reasons.push('incentive_on_rejected_status');
      flags.push(journeyFlag(id, 'warning', context, i, {
        reasons, contributionCentsPerKm: round2(perKm), rpcIncentiveCents: incentive,
        maxContributionCentsPerKm: p.maxContributionCentsPerKm, maxIncentiveCentsPerTrip: p.maxIncentiveCentsPerTrip,
      }));
    });
    return flags;
  },
});

/** T10: night start (Paris local time), information feeding the person's night share (H08). */
export const nightTrip = defineCheck({
  code: 'T10', version: 1, family: 'trip', severity: 'info',
  label: 'Trajet de nuit',
  description: 'Départ entre 22 h et 5 h (heure de Paris).',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    context.trips.forEach((_t, i) => {
      const hour = Math.floor((context.localMinute[i] as number) / 60);
      if (isNightHour(hour, p.nightStartHour, p.nightEndHour)) flags.push(journeyFlag(id, 'info', context, i, { localHour: hour }));
    });
    return flags;
  },
});

/** T11: the registry's own verdict, shown as published (extracts carry no labels). */
export const registryStatus = defineCheck({
  code: 'T11', version: 1, family: 'trip', severity: 'high',
  label: 'Statut du registre',
  description: 'Statut fraud_error (règles inter-opérateurs), anomaly_error (chevauchement ou distance/durée) ou pending plus de 48 h après le départ.',
  run(context, p, id) {
    let asOf = p.asOf ? Date.parse(p.asOf) / 1000 : -Infinity;
    if (!p.asOf) for (const s of context.startS) asOf = Math.max(asOf, s);
    const flags: CheckFlag[] = [];
    context.trips.forEach((t, i) => {
      if (t.status === 'fraud_error') flags.push(journeyFlag(id, 'high', context, i, { status: t.status }));
      else if (t.status === 'anomaly_error') flags.push(journeyFlag(id, 'warning', context, i, { status: t.status }));
      else if (t.status === 'pending' && asOf - (context.startS[i] as number) > p.pendingAfterS) {
        flags.push(journeyFlag(id, 'info', context, i, { status: t.status, pendingAfterS: p.pendingAfterS }));
      }
    });
    return flags;
  },
});

export const TRIP_CHECKS = [selfCarpool, shortTrip, distanceVsStraightLine, speed, duration, loopTrip, seats, money, nightTrip, registryStatus];
