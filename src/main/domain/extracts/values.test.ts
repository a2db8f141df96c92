import { describe, expect, it } from 'vitest';
import { FieldError } from './field-error';
import {
  boolean,
  coordinate,
  decimal,
  eurosToCents,
  formatLocalDateTime,
  hmsToSeconds,
  integer,
  kilometresToMetres,
  localDateAndTime,
  localDateTime,
  offsetDateTime,
  text,
} from './values';

/** The FieldError `read` throws, for assertions on its field, reason and detail. */
function fieldError(read: () => unknown): FieldError {
  try {
    read();
  } catch (error) {
    if (error instanceof FieldError) return error;
    throw error;
  }
  throw new Error('FieldError attendue, aucune erreur levée');
}

describe('eurosToCents', () => {
  it('converts euro texts to cents exactly, never through floats', () => {
    expect(eurosToCents('2.2', 'driver_revenue')).toBe(220);
    expect(eurosToCents('1.005', 'driver_revenue')).toBe(101);
    expect(eurosToCents('0.5', 'driver_revenue')).toBe(50);
    expect(eurosToCents('1.7', 'incentive_0_amount')).toBe(170);
    expect(eurosToCents('0', 'x')).toBe(0);
    expect(eurosToCents('12', 'x')).toBe(1200);
    expect(eurosToCents('.5', 'x')).toBe(50);
    expect(eurosToCents('5.', 'x')).toBe(500);
    expect(eurosToCents(' 3.14 ', 'x')).toBe(314);
    expect(eurosToCents('+0.07', 'x')).toBe(7);
    // 0.1 + 0.2 in floats is 0.30000000000000004; 8.675 * 100 is 867.4999999999999.
    expect(eurosToCents('0.3', 'x')).toBe(30);
    expect(eurosToCents('8.675', 'x')).toBe(868);
  });

  it('accepts a decimal comma and rounds half away from zero', () => {
    expect(eurosToCents('-1,5', 'driver_revenue')).toBe(-150);
    expect(eurosToCents('-1.005', 'x')).toBe(-101);
    expect(eurosToCents('1.004', 'x')).toBe(100);
    expect(eurosToCents('0.995', 'x')).toBe(100);
  });

  it('reads an empty or blank cell as null', () => {
    expect(eurosToCents('', 'driver_revenue')).toBeNull();
    expect(eurosToCents('   ', 'driver_revenue')).toBeNull();
    expect(eurosToCents(undefined, 'driver_revenue')).toBeNull();
  });

  it('refuses anything else with the field, a stable reason and the value found', () => {
    const error = fieldError(() => eurosToCents('abc', 'driver_revenue'));
    expect(error).toMatchObject({ field: 'driver_revenue', reason: 'nombre invalide', detail: '« abc »' });
    expect(error.message).toBe('driver_revenue : nombre invalide « abc »');
    for (const bad of ['1.2.3', '1e3', '-', '.', '2,50 €', '1 000']) {
      expect(fieldError(() => eurosToCents(bad, 'x')).reason).toBe('nombre invalide');
    }
    expect(fieldError(() => eurosToCents('123456789012345678', 'x'))).toMatchObject({ reason: 'nombre hors bornes' });
  });
});

describe('kilometresToMetres', () => {
  it('converts kilometres with metre precision to whole metres', () => {
    expect(kilometresToMetres('17.05', 'distance')).toBe(17_050);
    expect(kilometresToMetres('0.001', 'distance')).toBe(1);
    expect(kilometresToMetres('30.484', 'distance')).toBe(30_484);
    expect(kilometresToMetres('1000', 'distance')).toBe(1_000_000);
    expect(kilometresToMetres('2,5', 'distance')).toBe(2_500);
    expect(kilometresToMetres('0.0005', 'distance')).toBe(1);
    expect(kilometresToMetres('', 'distance')).toBeNull();
    expect(fieldError(() => kilometresToMetres('17 km', 'distance'))).toMatchObject({ field: 'distance', reason: 'nombre invalide' });
  });
});

describe('integer and decimal', () => {
  it('reads whole numbers and refuses decimals or overflows', () => {
    expect(integer('30484', 'journey_distance')).toBe(30_484);
    expect(integer(' -3 ', 'x')).toBe(-3);
    expect(integer('', 'x')).toBeNull();
    expect(fieldError(() => integer('1.5', 'passenger_seats'))).toMatchObject({
      field: 'passenger_seats',
      reason: 'entier attendu',
      detail: 'reçu « 1.5 »',
    });
    expect(fieldError(() => integer('99999999999999999999', 'journey_id')).reason).toBe('entier hors bornes');
  });

  it('reads decimal degrees with a point or a comma and checks coordinate ranges', () => {
    expect(decimal('49.006', 'start_lat')).toBe(49.006);
    expect(decimal('2,206', 'start_lon')).toBe(2.206);
    expect(decimal('.5', 'x')).toBe(0.5);
    expect(coordinate('-180', 'start_lon', 180)).toBe(-180);
    expect(coordinate('', 'start_lon', 180)).toBeNull();
    expect(fieldError(() => coordinate('91', 'start_lat', 90))).toMatchObject({ field: 'start_lat', reason: 'coordonnée hors bornes', detail: '« 91 »' });
    expect(fieldError(() => decimal('N49', 'start_lat')).reason).toBe('nombre invalide');
  });
});

describe('hmsToSeconds', () => {
  it('converts HH:MM:SS durations to seconds, hours may exceed a day', () => {
    expect(hmsToSeconds('00:13:56', 'duration')).toBe(836);
    expect(hmsToSeconds('01:00:00', 'duration')).toBe(3_600);
    expect(hmsToSeconds('26:01:02', 'duration')).toBe(93_662);
    expect(hmsToSeconds('0:05:00', 'duration')).toBe(300);
    expect(hmsToSeconds('', 'duration')).toBeNull();
  });

  it('refuses other shapes and minutes or seconds past 59', () => {
    for (const bad of ['13:56', '00:60:00', '00:00:61', '1h05', '-00:10:00']) {
      expect(fieldError(() => hmsToSeconds(bad, 'duration'))).toMatchObject({ field: 'duration', reason: 'durée HH:MM:SS attendue' });
    }
  });
});

describe('localDateTime', () => {
  it('reads the territory export’s wall-clock times, with a space or a T, seconds optional', () => {
    expect(localDateTime('2024-04-16 08:10:00', 'start_datetime')).toEqual({ year: 2024, month: 4, day: 16, hour: 8, minute: 10, second: 0 });
    expect(localDateTime('2024-02-29T23:59:59', 'x')).toEqual({ year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59 });
    expect(localDateTime('2024-04-16 08:10', 'x')).toMatchObject({ hour: 8, minute: 10, second: 0 });
    expect(localDateTime('', 'x')).toBeNull();
    expect(formatLocalDateTime(localDateTime('2024-04-16T08:10', 'x') ?? fail())).toBe('2024-04-16 08:10:00');
  });

  it('refuses dates that do not exist', () => {
    expect(fieldError(() => localDateTime('2024-02-30 10:00:00', 'start_datetime'))).toMatchObject({
      field: 'start_datetime',
      reason: 'date invalide',
      detail: '« 2024-02-30 10:00:00 »',
    });
    expect(fieldError(() => localDateTime('2023-02-29 10:00:00', 'x')).reason).toBe('date invalide');
    expect(fieldError(() => localDateTime('2024-13-01 10:00:00', 'x')).reason).toBe('date invalide');
    expect(fieldError(() => localDateTime('2024-04-31 10:00:00', 'x')).reason).toBe('date invalide');
    expect(fieldError(() => localDateTime('2024-00-10 10:00:00', 'x')).reason).toBe('date invalide');
  });

  it('refuses hours that do not exist', () => {
    expect(fieldError(() => localDateTime('2024-04-16 25:00:00', 'end_datetime'))).toMatchObject({
      field: 'end_datetime',
      reason: 'heure invalide',
      detail: '« 2024-04-16 25:00:00 »',
    });
    expect(fieldError(() => localDateTime('2024-04-16 24:00:00', 'x')).reason).toBe('heure invalide');
    expect(fieldError(() => localDateTime('2024-04-16 08:60:00', 'x')).reason).toBe('heure invalide');
  });

  it('refuses other shapes (day first, offset, date alone)', () => {
    for (const bad of ['16/04/2024 08:10:00', '2024-04-16', '2024-04-16T08:10:00+02:00', '2024-4-16 08:10:00']) {
      expect(fieldError(() => localDateTime(bad, 'x')).reason).toBe('date et heure AAAA-MM-JJ HH:MM:SS attendues');
    }
  });

  it('reads a date column and a time column together', () => {
    expect(localDateAndTime('2025-02-01', '00:40:00', 'journey_end_time')).toMatchObject({ year: 2025, month: 2, day: 1, hour: 0, minute: 40 });
    expect(localDateAndTime('', '', 'journey_end_time')).toBeNull();
    expect(localDateAndTime(undefined, undefined, 'journey_end_time')).toBeNull();
    expect(fieldError(() => localDateAndTime('2025-02-01', '', 'journey_end_time')).field).toBe('journey_end_time');
    expect(fieldError(() => localDateAndTime('2025-02-30', '00:40:00', 'journey_end_time')).reason).toBe('date invalide');
  });
});

describe('offsetDateTime', () => {
  it('reads the 2022-23 form with a colon in the offset', () => {
    expect(offsetDateTime('2022-01-01T00:00:00+01:00', 'journey_start_datetime')).toEqual({
      utc: '2021-12-31T23:00:00Z',
      local: { year: 2022, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
    });
  });

  it('reads the 2025+ form without a colon', () => {
    expect(offsetDateTime('2025-02-01T00:00:00+0100', 'journey_start_datetime')).toEqual({
      utc: '2025-01-31T23:00:00Z',
      local: { year: 2025, month: 2, day: 1, hour: 0, minute: 0, second: 0 },
    });
  });

  it('uses the offset given, so summer time and both occurrences of the autumn hour are right', () => {
    expect(offsetDateTime('2024-07-14T08:10:00+02:00', 'x')?.utc).toBe('2024-07-14T06:10:00Z');
    expect(offsetDateTime('2024-07-14T08:10:00+0200', 'x')?.utc).toBe('2024-07-14T06:10:00Z');
    // 27 October 2024: 02:30 happens twice in Paris, once in summer time, once in winter time.
    expect(offsetDateTime('2024-10-27T02:30:00+02:00', 'x')?.utc).toBe('2024-10-27T00:30:00Z');
    expect(offsetDateTime('2024-10-27T02:30:00+01:00', 'x')?.utc).toBe('2024-10-27T01:30:00Z');
    // Spring change: 01:50 winter time and 03:00 summer time are 10 minutes apart.
    expect(offsetDateTime('2024-03-31T01:50:00+0100', 'x')?.utc).toBe('2024-03-31T00:50:00Z');
    expect(offsetDateTime('2024-03-31T03:00:00+0200', 'x')?.utc).toBe('2024-03-31T01:00:00Z');
  });

  it('reads Z and negative offsets, and seconds may be left out', () => {
    expect(offsetDateTime('2024-01-01T12:00Z', 'x')?.utc).toBe('2024-01-01T12:00:00Z');
    expect(offsetDateTime('2024-01-01T12:00:00-0330', 'x')?.utc).toBe('2024-01-01T15:30:00Z');
    expect(offsetDateTime('', 'x')).toBeNull();
  });

  it('refuses a time without offset, an impossible date or hour', () => {
    expect(fieldError(() => offsetDateTime('2022-01-01 00:00:00', 'journey_start_datetime'))).toMatchObject({
      field: 'journey_start_datetime',
      reason: 'date ISO avec décalage attendue',
    });
    expect(fieldError(() => offsetDateTime('2022-01-01T00:00:00', 'x')).reason).toBe('date ISO avec décalage attendue');
    expect(fieldError(() => offsetDateTime('2022-02-30T00:00:00+01:00', 'x')).reason).toBe('date invalide');
    expect(fieldError(() => offsetDateTime('2022-01-01T25:00:00+01:00', 'x')).reason).toBe('heure invalide');
  });
});

describe('boolean', () => {
  it('reads every spelling the formats use', () => {
    for (const yes of ['1', 't', 'T', 'true', 'TRUE', 'OUI', 'oui', ' Oui ']) expect(boolean(yes, 'x')).toBe(1);
    for (const no of ['0', 'f', 'F', 'false', 'NON', 'non']) expect(boolean(no, 'x')).toBe(0);
    expect(boolean('', 'cee_application')).toBeNull();
    expect(boolean(undefined, 'cee_application')).toBeNull();
  });

  it('refuses anything else', () => {
    expect(fieldError(() => boolean('yes', 'has_incentive'))).toMatchObject({ field: 'has_incentive', reason: 'booléen attendu', detail: 'reçu « yes »' });
    expect(fieldError(() => boolean('2', 'x')).reason).toBe('booléen attendu');
  });
});

describe('text', () => {
  it('trims and reads an empty cell as null', () => {
    expect(text('  Cergy ')).toBe('Cergy');
    expect(text('')).toBeNull();
    expect(text('   ')).toBeNull();
    expect(text(undefined)).toBeNull();
  });
});

function fail(): never {
  throw new Error('valeur attendue');
}
