import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { CounterValue } from '../../shared/campaigns/counter-value';
import type { CampaignDefinition } from '../../shared/campaigns/definition-types';
import { compileCampaign, createCampaignRun, sortTripsChronologically, type CampaignTrip, type CompileOverrides } from '../domain/campaigns';

/** A trips file that cannot be read; the message names the file and the line. */
export class TripsFileError extends Error {
  override name = 'TripsFileError';
}

const PLACE_KEYS = ['com', 'arr', 'epci', 'aom', 'dep', 'reg', 'country'] as const;

/** Checks the shape of one JSONL trip (campaigns.md §1.1) and answers it; throws a French message naming the field. */
function parseTrip(line: string, where: string): CampaignTrip {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new TripsFileError(`${where} : JSON invalide (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TripsFileError(`${where} : un objet JSON est attendu`);
  const trip = value as Record<string, unknown>;
  const need = (field: string, ok: (v: unknown) => boolean, what: string): void => {
    if (!ok(trip[field])) throw new TripsFileError(`${where} : champ « ${field} » ${what}`);
  };
  const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  const nullableNumber = (v: unknown): boolean => v === null || v === undefined || isNumber(v);
  const nullableString = (v: unknown): boolean => v === null || v === undefined || typeof v === 'string';
  need('datetime', (v) => typeof v === 'string', 'manquant ou non texte (instant ISO UTC attendu)');
  need('distance', isNumber, 'manquant ou non numérique (mètres)');
  need('seats', isNumber, 'manquant ou non numérique');
  need('driver_identity_key', (v) => typeof v === 'string', 'manquant');
  need('passenger_identity_key', (v) => typeof v === 'string', 'manquant');
  for (const field of ['operator_uuid', 'operator_journey_id', 'operator_trip_id', 'operator_class']) need(field, nullableString, 'doit être un texte ou null');
  for (const field of ['operator_id', 'driver_revenue', 'passenger_contribution', 'start_lat', 'start_lon', 'end_lat', 'end_lon']) need(field, nullableNumber, 'doit être un nombre ou null');
  for (const end of ['start', 'end']) {
    need(end, (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'manquant (objet com, arr, epci, aom, dep, reg, country attendu)');
    const place = trip[end] as Record<string, unknown>;
    for (const key of PLACE_KEYS) if (!nullableString(place[key])) throw new TripsFileError(`${where} : champ « ${end}.${key} » doit être un texte ou null`);
  }
  return {
    datetime: trip.datetime as string,
    distance: trip.distance as number,
    seats: trip.seats as number,
    operator_class: (trip.operator_class ?? null) as CampaignTrip['operator_class'],
    operator_uuid: (trip.operator_uuid ?? null) as string | null,
    operator_id: (trip.operator_id ?? null) as number | null,
    operator_journey_id: (trip.operator_journey_id ?? null) as string | null,
    operator_trip_id: (trip.operator_trip_id ?? null) as string | null,
    driver_identity_key: trip.driver_identity_key as string,
    passenger_identity_key: trip.passenger_identity_key as string,
    passenger_is_over_18: typeof trip.passenger_is_over_18 === 'boolean' ? trip.passenger_is_over_18 : null,
    driver_revenue: (trip.driver_revenue ?? null) as number | null,
    passenger_contribution: (trip.passenger_contribution ?? null) as number | null,
    start: trip.start as CampaignTrip['start'],
    end: trip.end as CampaignTrip['end'],
    start_lat: (trip.start_lat ?? null) as number | null,
    start_lon: (trip.start_lon ?? null) as number | null,
    end_lat: (trip.end_lat ?? null) as number | null,
    end_lon: (trip.end_lon ?? null) as number | null,
  };
}

/** Reads a JSONL file of trips (blank lines skipped), in file order. */
async function readTrips(file: string): Promise<CampaignTrip[]> {
  const trips: CampaignTrip[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      if (line.trim() === '') continue;
      trips.push(parseTrip(line, `${basename(file)}, ligne ${number}`));
    }
  } catch (error) {
    if (error instanceof TripsFileError) throw error;
    throw new TripsFileError(`${basename(file)} : lecture impossible (${(error as Error).message})`);
  }
  return trips;
}

export interface CampaignFileRun {
  definition: CampaignDefinition;
  tripsFile: string;
  /** `chronological` (default, stable) or `input` (file order). */
  order: 'chronological' | 'input';
  overrides: CompileOverrides;
  countersIn?: CounterValue[];
  /** Receives one JSON line (without line end) per input trip, in input order; may wait (backpressure). */
  writeLine: (line: string) => void | Promise<void>;
}

/** What a file run did: trips, eligible, paid (amount > 0), total cents, and the counters to carry over. */
export interface CampaignFileSummary {
  trips: number;
  eligible: number;
  paid: number;
  amountCents: number;
  countersOut: CounterValue[];
}

/**
 * Replays a campaign on a JSONL file of trips exactly as the engine runs it (explanations off: bulk speed), and
 * writes `{"index","amount_cents","stateless_amount_cents","eligible","reasons"}` per trip in input order.
 */
export async function runCampaignOnFile(run: CampaignFileRun): Promise<CampaignFileSummary> {
  const trips = await readTrips(run.tripsFile);
  const compiled = compileCampaign(run.definition, run.overrides);
  const campaignRun = createCampaignRun(compiled, { countersIn: run.countersIn, options: { explain: false } });
  // Sorting entries that carry their trip's datetime keeps each trip's input index for the output order.
  const indexed = trips.map((trip, index) => ({ trip, index, datetime: trip.datetime }));
  const ordered = run.order === 'input' ? indexed : sortTripsChronologically(indexed);
  const results = new Array<string>(trips.length);
  const summary: CampaignFileSummary = { trips: trips.length, eligible: 0, paid: 0, amountCents: 0, countersOut: [] };
  for (const { trip, index } of ordered) {
    const result = campaignRun.evaluate(trip);
    if (result.eligible) summary.eligible += 1;
    if (result.amountCents > 0) summary.paid += 1;
    summary.amountCents += result.amountCents;
    results[index] = JSON.stringify({
      index,
      amount_cents: result.amountCents,
      stateless_amount_cents: result.statelessAmountCents,
      eligible: result.eligible,
      reasons: result.reasons,
    });
  }
  for (const line of results) await run.writeLine(line);
  summary.countersOut = campaignRun.countersOut();
  return summary;
}
