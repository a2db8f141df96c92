import { describe, expect, it } from 'vitest';
import { detectFormat, type ColumnIndex } from './detect-format';
import { enrichJourney, type Location } from './enrich-journey';
import { FieldError } from './field-error';
import { FORMAT_COLUMNS, type ExtractFormat } from './formats';
import { dateLimits, mapRow, MAX_DISTANCE_M } from './map-row';

const IDFM = 'Île-de-France Mobilités';
const PASSENGER_KEY = 'a3f1c9e0b7d24f6a8e5c1b3d9f7a2e4c6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a';
const DRIVER_KEY = '5d3b1f0e8c6a4d2f9b7e5c3a1d8f6b4e2c0a9e7d5b3f1c8a6e4d2b0f9c7a5e3b';

/**
 * The realistic row of the registry's `CarpoolRow.unit.spec.ts` (docs/extract-formats.md §1.3): BlaBlaCar Daily,
 * Beauchamp 95051 → Cergy 95127, 17.05 km in 00:13:56, IDFM 1.7 € + COMUTO 0.5 €, driver paid 2.2 €.
 */
const TERRITORY_ROW: Record<string, string> = {
  journey_id: '48261934',
  operator_trip_id: '6f0c2a8e-3b1d-4e59-9a7c-2d4b6e8f0a1c',
  operator_journey_id: 'c4e6a8b0-1d3f-4b57-8e9a-0c2e4a6b8d0f',
  operator_class: 'C',
  status: 'ok',
  start_datetime: '2024-04-16 08:10:00',
  start_date: '2024-04-16',
  start_time: '08:10:00',
  end_datetime: '2024-04-16 08:30:00',
  end_date: '2024-04-16',
  end_time: '08:30:00',
  duration: '00:13:56',
  distance: '17.05',
  start_lat: '49.006',
  start_lon: '2.206',
  end_lat: '49.036',
  end_lon: '2.075',
  start_insee: '95051',
  start_commune: 'Beauchamp',
  start_departement: 'Val-d’Oise',
  start_epci: 'CA Val Parisis',
  start_aom: IDFM,
  start_region: 'Île-de-France',
  start_pays: 'France',
  end_insee: '95127',
  end_commune: 'Cergy',
  end_departement: 'Val-d’Oise',
  end_epci: 'CA de Cergy-Pontoise',
  end_aom: IDFM,
  end_region: 'Île-de-France',
  end_pays: 'France',
  operator: 'BlaBlaCar Daily',
  operator_passenger_id: 'p-8812',
  passenger_identity_key: PASSENGER_KEY,
  operator_driver_id: 'd-1204',
  driver_identity_key: DRIVER_KEY,
  driver_revenue: '2.2',
  passenger_contribution: '0',
  passenger_seats: '1',
  cee_application: '',
  incentive_type: 'normal',
  incentive_0_siret: '28750007800020',
  incentive_0_name: 'ILE-DE-FRANCE MOBILITES',
  incentive_0_amount: '1.7',
  incentive_1_siret: '49190454600034',
  incentive_1_name: 'COMUTO',
  incentive_1_amount: '0.5',
  incentive_2_siret: '',
  incentive_2_name: '',
  incentive_2_amount: '',
  incentive_rpc_0_campaign_id: '458',
  incentive_rpc_0_campaign_name: 'IDFM normale 2024',
  incentive_rpc_0_siret: '28750007800020',
  incentive_rpc_0_name: IDFM,
  incentive_rpc_0_amount: '1.7',
};

/** The 2023-01 open-data sample's first row. */
const OPENDATA_ROW: Record<string, string> = {
  journey_id: '11462665',
  trip_id: '58d5e186-7ddb-4b57-8b5b-462833f4c10e',
  journey_start_datetime: '2023-01-01T00:00:00+01:00',
  journey_start_date: '2023-01-01',
  journey_start_time: '00:00:00',
  journey_start_lon: '4.841',
  journey_start_lat: '43.942',
  journey_start_insee: '84007',
  journey_start_department: '84',
  journey_start_town: 'Avignon',
  journey_start_towngroup: 'CA du Grand Avignon (COGA)',
  journey_start_country: 'France',
  journey_end_datetime: '2023-01-01T00:30:00+01:00',
  journey_end_date: '2023-01-01',
  journey_end_time: '00:30:00',
  journey_end_lon: '4.802',
  journey_end_lat: '44.132',
  journey_end_insee: '84087',
  journey_end_department: '84',
  journey_end_town: 'Orange',
  journey_end_towngroup: 'CC du Pays Réuni d’Orange',
  journey_end_country: 'France',
  passenger_seats: '1',
  operator_class: 'C',
  journey_distance: '30484',
  journey_duration: '30',
  has_incentive: 'OUI',
};

/** Cells of a line of `format` in header order, with `values` (missing columns empty). */
function line(format: ExtractFormat, values: Record<string, string>): { cells: string[]; index: ColumnIndex } {
  const detection = detectFormat(FORMAT_COLUMNS[format]);
  if (!detection.ok) throw new Error(detection.message);
  return { cells: FORMAT_COLUMNS[format].map((column) => values[column] ?? ''), index: detection.index };
}

function map(format: ExtractFormat, values: Record<string, string>): ReturnType<typeof mapRow> {
  const { cells, index } = line(format, values);
  return mapRow(format, cells, index, dateLimits('2026-12-06'));
}

function rejection(format: ExtractFormat, values: Record<string, string>): FieldError {
  try {
    map(format, values);
  } catch (error) {
    if (error instanceof FieldError) return error;
    throw error;
  }
  throw new Error('FieldError attendue');
}

describe('mapRow — territory export', () => {
  it('maps the realistic row to cents, metres, seconds and UTC', () => {
    const { trip, operatorName, aomNames } = map('territory', TERRITORY_ROW);

    expect(operatorName).toBe('BlaBlaCar Daily');
    expect(aomNames).toEqual([
      { insee: '95051', name: IDFM },
      { insee: '95127', name: IDFM },
    ]);
    expect(trip).toMatchObject({
      journey_id: 48_261_934,
      operator_trip_id: '6f0c2a8e-3b1d-4e59-9a7c-2d4b6e8f0a1c',
      operator_journey_id: 'c4e6a8b0-1d3f-4b57-8e9a-0c2e4a6b8d0f',
      operator_class: 'C',
      status: 'ok',
      acquisition_status: null,
      // 16 April 2024 is in summer time (UTC+2).
      start_local: '2024-04-16 08:10:00',
      start_at: '2024-04-16T06:10:00Z',
      end_local: '2024-04-16 08:30:00',
      end_at: '2024-04-16T06:30:00Z',
      duration_s: 836,
      distance_m: 17_050,
      start_lat: 49.006,
      start_lon: 2.206,
      end_lat: 49.036,
      end_lon: 2.075,
      start_insee: '95051',
      end_insee: '95127',
      // Geography codes come from the resolver, never from the names of the file.
      start_com: null,
      start_aom: null,
      operator_passenger_id: 'p-8812',
      passenger_identity_key: PASSENGER_KEY,
      operator_driver_id: 'd-1204',
      driver_identity_key: DRIVER_KEY,
      driver_revenue_cents: 220,
      passenger_contribution_cents: 0,
      seats: 1,
      cee_application: 0,
      has_incentive: null,
      op_incentive_0_siret: '28750007800020',
      op_incentive_0_name: 'ILE-DE-FRANCE MOBILITES',
      op_incentive_0_cents: 170,
      op_incentive_1_siret: '49190454600034',
      op_incentive_1_name: 'COMUTO',
      op_incentive_1_cents: 50,
      op_incentive_2_siret: null,
      op_incentive_2_cents: null,
      rpc_incentive_0_campaign_id: '458',
      rpc_incentive_0_campaign_name: 'IDFM normale 2024',
      rpc_incentive_0_siret: '28750007800020',
      rpc_incentive_0_name: IDFM,
      rpc_incentive_0_cents: 170,
      rpc_incentive_1_campaign_id: null,
      rpc_incentive_1_cents: null,
      natural_key: '',
      operator_id: null,
      source_line: null,
    });
  });

  it('uses winter time in January and reads cee_application 1', () => {
    const { trip } = map('territory', {
      ...TERRITORY_ROW,
      start_datetime: '2024-01-15 08:10:00',
      start_date: '2024-01-15',
      end_datetime: '2024-01-15 08:30:00',
      end_date: '2024-01-15',
      cee_application: '1',
    });
    expect(trip.start_at).toBe('2024-01-15T07:10:00Z');
    expect(trip.end_at).toBe('2024-01-15T07:30:00Z');
    expect(trip.cee_application).toBe(1);
  });

  it('keeps every registry status and leaves the end empty when the file does', () => {
    for (const status of ['ok', 'fraud_error', 'anomaly_error', 'pending'] as const) {
      expect(map('territory', { ...TERRITORY_ROW, status }).trip.status).toBe(status);
    }
    const { trip } = map('territory', { ...TERRITORY_ROW, end_datetime: '', end_date: '', end_time: '', duration: '', distance: '' });
    expect(trip).toMatchObject({ end_at: null, end_local: null, duration_s: null, distance_m: null });
  });

  it('maps the operator export (no operator column) with no operator name', () => {
    const values = { ...TERRITORY_ROW };
    delete values.operator;
    const { trip, operatorName } = map('operator', values);
    expect(operatorName).toBeNull();
    expect(trip).toMatchObject({ journey_id: 48_261_934, distance_m: 17_050, driver_revenue_cents: 220 });
  });

  it('rejects a class other than A, B or C', () => {
    expect(rejection('territory', { ...TERRITORY_ROW, operator_class: 'D' })).toMatchObject({
      field: 'operator_class',
      reason: 'classe de preuve inconnue',
      detail: '« D » (attendu A, B ou C)',
    });
    expect(map('territory', { ...TERRITORY_ROW, operator_class: 'b' }).trip.operator_class).toBe('B');
    expect(rejection('territory', { ...TERRITORY_ROW, operator_class: '' })).toMatchObject({ field: 'operator_class', reason: 'valeur manquante' });
  });

  it('rejects negative and implausible distances', () => {
    expect(rejection('territory', { ...TERRITORY_ROW, distance: '-1.5' })).toMatchObject({
      field: 'distance',
      reason: 'distance négative',
      detail: '(-1500 m)',
    });
    expect(rejection('territory', { ...TERRITORY_ROW, distance: '1000.001' })).toMatchObject({
      field: 'distance',
      reason: 'distance hors bornes',
      detail: '(1000001 m, maximum 1 000 km)',
    });
    expect(map('territory', { ...TERRITORY_ROW, distance: '1000', end_datetime: '', end_date: '', end_time: '', duration: '10:00:00' }).trip.distance_m).toBe(MAX_DISTANCE_M);
  });

  it('rejects missing ids and start times, unknown statuses and impossible values', () => {
    expect(rejection('territory', { ...TERRITORY_ROW, journey_id: '' })).toMatchObject({ field: 'journey_id', reason: 'valeur manquante' });
    expect(rejection('territory', { ...TERRITORY_ROW, start_datetime: '' })).toMatchObject({ field: 'start_datetime', reason: 'valeur manquante' });
    expect(rejection('territory', { ...TERRITORY_ROW, status: 'canceled' })).toMatchObject({ field: 'status', reason: 'statut inconnu', detail: '« canceled »' });
    expect(rejection('territory', { ...TERRITORY_ROW, start_datetime: '2024-02-30 08:10:00' })).toMatchObject({ field: 'start_datetime', reason: 'date invalide' });
    expect(rejection('territory', { ...TERRITORY_ROW, end_datetime: '2024-04-16 25:00:00' })).toMatchObject({ field: 'end_datetime', reason: 'heure invalide' });
    expect(rejection('territory', { ...TERRITORY_ROW, passenger_seats: '9' })).toMatchObject({
      field: 'passenger_seats',
      reason: 'nombre de places hors bornes',
      detail: '(9, attendu 1 à 8)',
    });
    expect(rejection('territory', { ...TERRITORY_ROW, incentive_1_amount: '0,5 €' })).toMatchObject({ field: 'incentive_1_amount', reason: 'nombre invalide' });
    expect(rejection('territory', { ...TERRITORY_ROW, start_lat: '149.006' })).toMatchObject({ field: 'start_lat', reason: 'coordonnée hors bornes' });
  });
});

describe('mapRow — journeys no car makes (sentinel dates, end before start, days-long, 300 km/h)', () => {
  it('rejects a start outside the registry’s life: sentinel dates, before 2019, more than a year after the import', () => {
    for (const [date, time] of [['9999-12-31', '00:00:00'], ['1900-01-01', '00:00:00'], ['2018-12-31', '23:50:00'], ['2027-12-08', '08:10:00']] as const) {
      const row = { ...TERRITORY_ROW, start_datetime: `${date} ${time}`, start_date: date, start_time: time, end_datetime: '', end_date: '', end_time: '' };
      expect(rejection('territory', row)).toMatchObject({ field: 'start_datetime', reason: 'date hors de la période du registre' });
    }
    expect(rejection('territory', { ...TERRITORY_ROW, start_datetime: '9999-12-31 00:00:00', start_date: '9999-12-31', start_time: '00:00:00' }).detail).toBe(
      '« 9999-12-31 00:00:00 » (attendu du 2019-01-01 au 2027-12-07)',
    );
    const first = { ...TERRITORY_ROW, start_datetime: '2019-01-01 00:00:00', start_date: '2019-01-01', start_time: '00:00:00', end_datetime: '2019-01-01 00:20:00', end_date: '2019-01-01', end_time: '00:20:00' };
    expect(map('territory', first).trip.start_local).toBe('2019-01-01 00:00:00');
    const open = { ...OPENDATA_ROW, journey_start_datetime: '0001-01-01T00:00:00+00:00', journey_start_date: '0001-01-01', journey_start_time: '00:00:00' };
    expect(rejection('opendata', open)).toMatchObject({ field: 'journey_start_datetime', reason: 'date hors de la période du registre' });
  });

  it('rejects an end before the start, a journey over 24 h, and an average speed over 300 km/h', () => {
    const backwards = { ...TERRITORY_ROW, end_datetime: '2016-04-16 08:30:00', end_date: '2016-04-16' };
    expect(rejection('territory', backwards)).toMatchObject({ field: 'end_datetime', reason: 'fin avant le début' });
    const long = { ...TERRITORY_ROW, end_datetime: '2024-04-17 09:30:00', end_date: '2024-04-17', end_time: '09:30:00' };
    expect(rejection('territory', long)).toMatchObject({ field: 'end_datetime', reason: 'trajet de plus de 24 h' });
    expect(rejection('territory', { ...TERRITORY_ROW, duration: '25:00:00' })).toMatchObject({ field: 'duration', reason: 'durée hors bornes' });
    // 17.05 km in 3 min: too short a duration to judge its speed (the checks flag it); in 10 min, 102 km/h is kept.
    expect(map('territory', { ...TERRITORY_ROW, duration: '00:03:00' }).trip.duration_s).toBe(180);
    expect(map('territory', { ...TERRITORY_ROW, duration: '00:10:00' }).trip.duration_s).toBe(600);
    expect(rejection('territory', { ...TERRITORY_ROW, distance: '60', duration: '00:10:00' })).toMatchObject({
      field: 'duration', reason: 'vitesse impossible', detail: '(360 km/h de moyenne, maximum 300)',
    });
    // 200 km/h (the demo's impossible-speed pattern) stays a journey for the checks to flag.
    expect(map('territory', { ...TERRITORY_ROW, distance: '40', duration: '00:12:00' }).trip.distance_m).toBe(40_000);
    expect(rejection('opendata', { ...OPENDATA_ROW, journey_duration: '1500' })).toMatchObject({ field: 'journey_duration', reason: 'durée hors bornes' });
  });

  it('rejects negative money amounts', () => {
    for (const field of ['driver_revenue', 'passenger_contribution', 'incentive_1_amount', 'incentive_rpc_1_amount']) {
      expect(rejection('territory', { ...TERRITORY_ROW, [field]: '-1.5' })).toMatchObject({ field, reason: 'montant négatif', detail: '(-1.5 €)' });
    }
    expect(map('territory', { ...TERRITORY_ROW, driver_revenue: '0' }).trip.driver_revenue_cents).toBe(0);
  });

  it('rejects date and time columns that disagree with the date-time column, or that hold anything but a date', () => {
    expect(rejection('territory', { ...TERRITORY_ROW, start_date: 'x' })).toMatchObject({ field: 'start_date', reason: 'date incohérente', detail: '« x » pour « 2024-04-16 08:10:00 »' });
    expect(rejection('territory', { ...TERRITORY_ROW, start_time: 'x' })).toMatchObject({ field: 'start_time', reason: 'heure incohérente' });
    expect(rejection('territory', { ...TERRITORY_ROW, end_date: '2024-04-15' })).toMatchObject({ field: 'end_date', reason: 'date incohérente' });
    expect(rejection('territory', { ...TERRITORY_ROW, end_datetime: '' })).toMatchObject({ field: 'end_date', reason: 'date incohérente' });
    expect(map('territory', { ...TERRITORY_ROW, start_date: '', start_time: '' }).trip.start_local).toBe('2024-04-16 08:10:00');
    expect(map('territory', { ...TERRITORY_ROW, start_time: '08:10' }).trip.start_local).toBe('2024-04-16 08:10:00');
    expect(rejection('opendata', { ...OPENDATA_ROW, journey_start_time: '00:10:00' })).toMatchObject({ field: 'journey_start_time', reason: 'heure incohérente' });
  });
});

describe('mapRow — regional dump', () => {
  const dump = (values: Record<string, string>): ReturnType<typeof mapRow> => {
    const row: Record<string, string> = { ...TERRITORY_ROW, acquisition_status: 'processed', fraud_status: 'passed', anomaly_status: 'passed', ...values };
    delete row.status;
    delete row.incentive_type;
    return map('dump', row);
  };

  it('computes the status from the raw statuses as the registry does', () => {
    expect(dump({}).trip).toMatchObject({ status: 'ok', acquisition_status: 'processed', fraud_status: 'passed', anomaly_status: 'passed' });
    expect(dump({ fraud_status: 'failed' }).trip.status).toBe('fraud_error');
    expect(dump({ anomaly_status: 'failed' }).trip.status).toBe('anomaly_error');
    expect(dump({ fraud_status: 'failed', anomaly_status: 'failed' }).trip.status).toBe('fraud_error');
  });

  it('reads t/f booleans, and an empty cee_application as unknown', () => {
    expect(dump({ cee_application: 't' }).trip.cee_application).toBe(1);
    expect(dump({ cee_application: 'f' }).trip.cee_application).toBe(0);
    expect(dump({ cee_application: '' }).trip.cee_application).toBeNull();
    expect(dump({}).trip).toMatchObject({ distance_m: 17_050, duration_s: 836, driver_revenue_cents: 220, start_at: '2024-04-16T06:10:00Z' });
  });
});

describe('mapRow — open data', () => {
  it('maps the 2023 sample row: metres, minutes, UTC from the offset, OUI', () => {
    const { trip, operatorName, aomNames } = map('opendata', OPENDATA_ROW);
    expect(operatorName).toBeNull();
    expect(aomNames).toEqual([]);
    expect(trip).toMatchObject({
      journey_id: 11_462_665,
      operator_trip_id: '58d5e186-7ddb-4b57-8b5b-462833f4c10e',
      operator_journey_id: null,
      operator_class: 'C',
      status: null,
      start_at: '2022-12-31T23:00:00Z',
      start_local: '2023-01-01 00:00:00',
      end_at: '2022-12-31T23:30:00Z',
      end_local: '2023-01-01 00:30:00',
      duration_s: 1_800,
      distance_m: 30_484,
      start_lat: 43.942,
      start_lon: 4.841,
      start_insee: '84007',
      end_insee: '84087',
      seats: 1,
      has_incentive: 1,
      driver_revenue_cents: null,
      cee_application: null,
    });
  });

  it('takes the end from the end date and time even when journey_end_datetime repeats the start (2025 files)', () => {
    const { trip } = map('opendata', {
      ...OPENDATA_ROW,
      journey_start_datetime: '2025-02-01T08:00:00+0100',
      journey_start_date: '2025-02-01',
      journey_start_time: '08:00:00',
      journey_end_datetime: '2025-02-01T08:00:00+0100',
      journey_end_date: '2025-02-01',
      journey_end_time: '08:40:00',
      journey_duration: '37',
      has_incentive: 'NON',
    });
    expect(trip).toMatchObject({
      start_at: '2025-02-01T07:00:00Z',
      start_local: '2025-02-01 08:00:00',
      end_at: '2025-02-01T07:40:00Z',
      end_local: '2025-02-01 08:40:00',
      duration_s: 2_220,
      has_incentive: 0,
    });
  });

  it('takes an end after midnight and across the summer-time change from its own date', () => {
    const { trip } = map('opendata', {
      ...OPENDATA_ROW,
      journey_start_datetime: '2024-03-31T01:50:00+01:00',
      journey_start_date: '2024-03-31',
      journey_start_time: '01:50:00',
      journey_end_datetime: '2024-03-31T01:50:00+01:00',
      journey_end_date: '2024-03-31',
      journey_end_time: '03:10:00',
    });
    expect(trip).toMatchObject({ start_at: '2024-03-31T00:50:00Z', end_at: '2024-03-31T01:10:00Z' });
  });

  it('maps the 29-column 2022 format (postal codes ignored)', () => {
    const { trip } = map('opendata2022', {
      ...OPENDATA_ROW,
      journey_start_postalcode: '84000',
      journey_end_postalcode: '84100',
    });
    expect(trip).toMatchObject({ journey_id: 11_462_665, distance_m: 30_484, start_insee: '84007' });
  });

  it('rejects negative durations and distances, and bad offsets', () => {
    expect(rejection('opendata', { ...OPENDATA_ROW, journey_duration: '-5' })).toMatchObject({
      field: 'journey_duration',
      reason: 'durée négative',
      detail: '(-5 min)',
    });
    expect(rejection('opendata', { ...OPENDATA_ROW, journey_distance: '-30484' })).toMatchObject({ field: 'journey_distance', reason: 'distance négative' });
    expect(rejection('opendata', { ...OPENDATA_ROW, journey_distance: '1000001' })).toMatchObject({ field: 'journey_distance', reason: 'distance hors bornes' });
    expect(rejection('opendata', { ...OPENDATA_ROW, journey_distance: '30.484' })).toMatchObject({ field: 'journey_distance', reason: 'entier attendu' });
    expect(rejection('opendata', { ...OPENDATA_ROW, journey_start_datetime: '2023-01-01 00:00:00' })).toMatchObject({
      field: 'journey_start_datetime',
      reason: 'date ISO avec décalage attendue',
    });
    expect(rejection('opendata', { ...OPENDATA_ROW, has_incentive: 'PEUT-ÊTRE' })).toMatchObject({ field: 'has_incentive', reason: 'booléen attendu' });
    expect(rejection('opendata', { ...OPENDATA_ROW, journey_end_time: '24:10:00' })).toMatchObject({ field: 'journey_end_time', reason: 'heure invalide' });
  });
});

describe('enrichJourney', () => {
  const locations = new Map<string, Location>([
    ['95051', { com: '95051', epci: '200055986', aom: '217500016', dep: '95', reg: '11', country: '99100' }],
    ['99138', { com: null, epci: null, aom: null, dep: null, reg: null, country: '99138' }],
  ]);
  const resolve = (code: string): Location | null => locations.get(code) ?? null;

  it('fills the geography of both ends, keeps unknown codes and returns them', () => {
    const { trip } = map('territory', { ...TERRITORY_ROW, end_insee: '95999' });
    const unresolved = enrichJourney(trip, resolve, 4, 12);
    expect(unresolved).toEqual(['95999']);
    expect(trip).toMatchObject({
      start_insee: '95051',
      start_com: '95051',
      start_epci: '200055986',
      start_aom: '217500016',
      start_dep: '95',
      start_reg: '11',
      start_country: '99100',
      end_insee: '95999',
      end_com: null,
      end_country: null,
      operator_id: 4,
      natural_key: 'j:48261934',
      source_line: 12,
    });
  });

  it('resolves a foreign end to its country only, and skips empty codes', () => {
    const { trip } = map('territory', { ...TERRITORY_ROW, start_insee: '', end_insee: '99138' });
    expect(enrichJourney(trip, resolve, null, 2)).toEqual([]);
    expect(trip).toMatchObject({ start_com: null, start_country: null, end_com: null, end_country: '99138' });
  });
});
