import type { CampaignTrip, TripPlace } from '../domain/campaigns';
import type { SimulatedJourney } from '../domain/campaigns/simulation-summary';

/** A stored journey as a campaign sees it (campaigns.md §1.1), with what the simulation summary groups by. */
export interface CampaignJourney {
  trip: CampaignTrip;
  journey: SimulatedJourney;
}

/** A journey with its row id and whether the registry left it ok (status `ok` or none): what a block keeps. */
export interface BlockJourney extends CampaignJourney {
  id: number;
  ok: boolean;
}

/** An operator as journeys are mapped with it: looked up when a block is read, never kept in it. */
export interface CampaignOperator {
  name: string;
  registry_uuid: string | null;
}

/**
 * Version of the layout below, kept with each stored block: a block written by another version is rebuilt. Bump
 * it whenever the layout or the meaning of a field changes.
 */
export const BLOCK_FORMAT = 1;

/** The numbers of a journey, in the order of a block's number columns, and the scale each is kept at. */
const NUMBER_COLUMNS = 10;
const SCALES = [1, 1, 1, 1, 1, 1, 1e6, 1e6, 1e6, 1e6];
/** Kept in a number column: no value, or a value kept as a double among the block's escapes. */
const NULL_NUMBER = -0x80000000;
const ESCAPED_NUMBER = -0x7fffffff;
/** The texts of a journey (refs into the block's texts), in the order of a block's ref columns. */
const REF_COLUMNS = 7;
const HEADER_WORDS = 8;

/** Texts packed two characters a byte: lower-case hexadecimal of even length (operators' journey and trip ids). */
function isHex(value: string): boolean {
  if (value.length === 0 || value.length % 2 !== 0) return false;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102))) return false;
  }
  return true;
}

interface Header {
  rows: number;
  /** Texts kept as UTF-8, then texts kept packed (refs number the first, then the second). */
  plain: number;
  hex: number;
  places: number;
  escapes: number;
  refBytes: 2 | 4;
  plainBytes: number;
}

/** Byte offsets of a block's sections, from its header (the same computation writes and reads them). */
function layout(header: Header) {
  const escapes = HEADER_WORDS * 4;
  const numbers = escapes + header.escapes * 8;
  const persons = numbers + header.rows * NUMBER_COLUMNS * 4;
  const refs = persons + header.rows * 2 * 4;
  const places = refs + header.rows * REF_COLUMNS * header.refBytes;
  const ok = places + header.places * 7 * header.refBytes;
  const plainOffsets = Math.ceil((ok + header.rows) / 4) * 4;
  const hexOffsets = plainOffsets + (header.plain + 1) * 4;
  const plainText = hexOffsets + (header.hex + 1) * 4;
  const hexText = plainText + header.plainBytes;
  return { escapes, numbers, persons, refs, places, ok, plainOffsets, hexOffsets, plainText, hexText };
}

/** A number as a column keeps it: an int32 at the column's scale when that gives the same double back. */
function scaled(value: number | null, scale: number): number | null {
  if (value === null) return NULL_NUMBER;
  const kept = Math.round(value * scale);
  const exact = kept / scale === value && !Object.is(value, -0);
  return exact && kept > ESCAPED_NUMBER && kept <= 0x7fffffff ? kept : null;
}

/**
 * Encodes the journeys of a block, in their order: numbers as int32 columns (a double for the few that are not
 * small integers, or coordinates of more than six decimals), persons by the id `personId` gives (ids of the store's
 * person dictionary, shared by every block), other texts once each (hexadecimal ones packed), trip ends once each.
 * Operators are kept by id only.
 */
export function encodeBlock(journeys: readonly BlockJourney[], personId: (person: string) => number): Buffer {
  const plain = new Map<string, number>();
  const hex = new Map<string, number>();
  const hexList: string[] = [];
  /** A text kept once per block (days, starts, codes…); refs below -1 are packed texts. */
  const text = (value: string | null | undefined): number => {
    if (value === null || value === undefined) return -1;
    if (isHex(value)) {
      let index = hex.get(value);
      if (index === undefined) hex.set(value, (index = hexList.push(value) - 1));
      return -2 - index;
    }
    let index = plain.get(value);
    if (index === undefined) plain.set(value, (index = plain.size));
    return index;
  };
  /** A text of one journey (its operator's ids): kept as is, looking it up would cost more than it saves. */
  const own = (value: string | null): number => (value === null ? -1 : isHex(value) ? -2 - (hexList.push(value) - 1) : text(value));
  const places = new Map<TripPlace, number>();
  const placeCodes: number[] = [];
  const place = (value: TripPlace): number => {
    let index = places.get(value);
    if (index === undefined) {
      index = places.size;
      places.set(value, index);
      placeCodes.push(text(value.com), text(value.arr), text(value.epci), text(value.aom), text(value.dep), text(value.reg), text(value.country));
    }
    return index;
  };
  const numbers = new Int32Array(journeys.length * NUMBER_COLUMNS);
  const persons = new Uint32Array(journeys.length * 2);
  const escapes: number[] = [];
  const refs: number[] = [];
  // Journeys in order of start: most have the start (to the minute) and the day of the one before.
  let lastStart: [string, number] = ['', -1];
  let lastDay: [string, number] = ['', -1];
  const values: Array<number | null> = new Array<number | null>(NUMBER_COLUMNS);
  journeys.forEach(({ id, trip, journey }, row) => {
    values[0] = id;
    values[1] = trip.operator_id;
    values[2] = trip.distance;
    values[3] = trip.seats;
    values[4] = trip.driver_revenue;
    values[5] = trip.passenger_contribution;
    values[6] = trip.start_lat;
    values[7] = trip.start_lon;
    values[8] = trip.end_lat;
    values[9] = trip.end_lon;
    for (let column = 0; column < NUMBER_COLUMNS; column += 1) {
      const value = values[column] as number | null;
      const kept = scaled(value, SCALES[column] as number);
      if (kept === null) escapes.push(value as number);
      numbers[row * NUMBER_COLUMNS + column] = kept ?? ESCAPED_NUMBER;
    }
    persons[row * 2] = personId(trip.driver_identity_key);
    persons[row * 2 + 1] = personId(trip.passenger_identity_key);
    const start = String(trip.datetime);
    if (start !== lastStart[0]) lastStart = [start, text(start)];
    if (journey.day !== lastDay[0]) lastDay = [journey.day, text(journey.day)];
    refs.push(lastStart[1], lastDay[1], text(trip.operator_class), place(trip.start), place(trip.end), own(trip.operator_journey_id), own(trip.operator_trip_id));
  });
  const refBytes = plain.size + hexList.length < 0xffff && places.size < 0xffff ? 2 : 4;
  // Refs: plain texts first, then packed ones; the ref width's largest value means no text.
  const none = refBytes === 2 ? 0xffff : 0xffffffff;
  const final = (ref: number): number => (ref === -1 ? none : ref < -1 ? plain.size + (-2 - ref) : ref);
  const plainTexts = [...plain.keys()];
  const plainOffsets = [0];
  for (const value of plainTexts) plainOffsets.push((plainOffsets.at(-1) as number) + value.length);
  const plainBytes = Buffer.from(plainTexts.join(''), 'utf8');
  const hexBytes = Buffer.from(hexList.join(''), 'hex');
  const hexOffsets = [0];
  for (const value of hexList) hexOffsets.push((hexOffsets.at(-1) as number) + value.length / 2);
  const header: Header = { rows: journeys.length, plain: plain.size, hex: hexList.length, places: places.size, escapes: escapes.length, refBytes, plainBytes: plainBytes.length };
  const at = layout(header);
  const block = Buffer.alloc(at.hexText + hexBytes.length);
  const put = (offset: number, view: ArrayBufferView): void => block.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), offset);
  put(0, new Uint32Array([BLOCK_FORMAT, header.rows, header.plain, header.hex, header.places, header.escapes, refBytes, header.plainBytes]));
  put(at.escapes, new Float64Array(escapes));
  put(at.numbers, numbers);
  put(at.persons, persons);
  const Refs = refBytes === 2 ? Uint16Array : Uint32Array;
  put(at.refs, Refs.from(refs.map(final)));
  put(at.places, Refs.from(placeCodes.map(final)));
  journeys.forEach(({ ok }, row) => (block[at.ok + row] = ok ? 1 : 0));
  put(at.plainOffsets, new Uint32Array(plainOffsets));
  put(at.hexOffsets, new Uint32Array(hexOffsets));
  block.set(plainBytes, at.plainText);
  block.set(hexBytes, at.hexText);
  return block;
}

/** A block's typed views over an aligned copy when needed (typed arrays need aligned offsets). */
function open(stored: Uint8Array) {
  const data = stored.byteOffset % 8 === 0 ? stored : new Uint8Array(stored);
  const buffer = data.buffer as ArrayBuffer;
  const [format, rows, plain, hex, places, escapes, refBytes, plainBytes] = new Uint32Array(buffer, data.byteOffset, HEADER_WORDS) as unknown as number[];
  if (format !== BLOCK_FORMAT) throw new Error(`Bloc de trajets au format ${format} (attendu : ${BLOCK_FORMAT}).`);
  const header = { rows, plain, hex, places, escapes, refBytes, plainBytes } as Header;
  return { data, buffer, header, at: layout(header) };
}

/** The person ids a block uses, two per journey (to be looked up in the store's person dictionary before `decodeBlock`). */
export function blockPersons(stored: Uint8Array): Uint32Array {
  const { data, buffer, header, at } = open(stored);
  return new Uint32Array(buffer, data.byteOffset + at.persons, header.rows * 2);
}

/**
 * The journeys of a block that `keep` accepts (given a journey's row id, registry status and UTC start), in order,
 * one at a time: a million journeys are never all in memory. `persons` gives the text of each person id of the
 * block by id (`blockPersons`); other texts are read once per block (two decodings, then slices) and shared by its
 * journeys, so are trip ends; operators' names and registry ids come from `operators` (the current ones).
 */
export function* decodeBlock(
  stored: Uint8Array,
  operators: ReadonlyMap<number, CampaignOperator>,
  persons: ReadonlyArray<string | undefined>,
  keep: (id: number, ok: boolean, start: string) => boolean,
): Generator<BlockJourney> {
  const { data, buffer, header, at } = open(stored);
  const base = data.byteOffset;
  const { rows, refBytes } = header;
  const escapes = new Float64Array(buffer, base + at.escapes, header.escapes);
  const numbers = new Int32Array(buffer, base + at.numbers, rows * NUMBER_COLUMNS);
  const personColumns = new Uint32Array(buffer, base + at.persons, rows * 2);
  const Refs = refBytes === 2 ? Uint16Array : Uint32Array;
  const none = refBytes === 2 ? 0xffff : 0xffffffff;
  const refs = new Refs(buffer, base + at.refs, rows * REF_COLUMNS);
  const codes = new Refs(buffer, base + at.places, header.places * 7);
  const plainOffsets = new Uint32Array(buffer, base + at.plainOffsets, header.plain + 1);
  const hexOffsets = new Uint32Array(buffer, base + at.hexOffsets, header.hex + 1);
  const bytes = Buffer.from(buffer, base, data.byteLength);
  // Slices of these two strings die with their journey; persons, which outlive them, are not among them.
  const plainText = bytes.toString('utf8', at.plainText, at.hexText);
  const hexText = bytes.toString('hex', at.hexText, data.byteLength);
  const texts: Array<string | undefined> = new Array<string | undefined>(header.plain + header.hex);
  const text = (index: number): string | null => {
    if (index === none) return null;
    let value = texts[index];
    if (value === undefined) {
      const hex = index >= header.plain;
      const offsets = hex ? hexOffsets : plainOffsets;
      const entry = hex ? index - header.plain : index;
      const scale = hex ? 2 : 1;
      value = texts[index] = (hex ? hexText : plainText).slice((offsets[entry] as number) * scale, (offsets[entry + 1] as number) * scale);
    }
    return value;
  };
  const places: TripPlace[] = [];
  for (let index = 0; index < header.places; index += 1) {
    const code = (level: number): string | null => text(codes[index * 7 + level] as number);
    places.push({ com: code(0), arr: code(1), epci: code(2), aom: code(3), dep: code(4), reg: code(5), country: code(6) });
  }
  let escape = 0;
  // Called for every number of every journey in column order: escapes are kept in that order.
  const number = (cell: number): number | null => {
    const kept = numbers[cell] as number;
    if (kept === NULL_NUMBER) return null;
    if (kept === ESCAPED_NUMBER) return escapes[escape++] as number;
    return kept / (SCALES[cell % NUMBER_COLUMNS] as number);
  };
  for (let row = 0; row < rows; row += 1) {
    const cell = row * NUMBER_COLUMNS;
    const ref = row * REF_COLUMNS;
    const id = number(cell) as number;
    const operatorId = number(cell + 1);
    const distance = number(cell + 2) as number;
    const seats = number(cell + 3) as number;
    const revenue = number(cell + 4);
    const contribution = number(cell + 5);
    const startLat = number(cell + 6);
    const startLon = number(cell + 7);
    const endLat = number(cell + 8);
    const endLon = number(cell + 9);
    const ok = data[at.ok + row] === 1;
    const start = text(refs[ref] as number) as string;
    if (!keep(id, ok, start)) continue;
    const operator = operatorId === null ? undefined : operators.get(operatorId);
    const operatorClass = text(refs[ref + 2] as number);
    const driver = persons[personColumns[row * 2] as number] as string;
    const trip: CampaignTrip = {
      datetime: start,
      distance,
      seats,
      operator_class: operatorClass as CampaignTrip['operator_class'],
      operator_uuid: operator?.registry_uuid ?? null,
      operator_id: operatorId,
      operator_journey_id: text(refs[ref + 5] as number),
      operator_trip_id: text(refs[ref + 6] as number),
      driver_identity_key: driver,
      passenger_identity_key: persons[personColumns[row * 2 + 1] as number] as string,
      passenger_is_over_18: null,
      driver_revenue: revenue,
      passenger_contribution: contribution,
      start: places[refs[ref + 3] as number] as TripPlace,
      end: places[refs[ref + 4] as number] as TripPlace,
      start_lat: startLat,
      start_lon: startLon,
      end_lat: endLat,
      end_lon: endLon,
    };
    const journey: SimulatedJourney = {
      day: text(refs[ref + 1] as number) as string, operator: operator?.name ?? 'Opérateur inconnu', operatorClass: operatorClass ?? '?', distanceM: distance, driver,
    };
    yield { id, ok, trip, journey };
  }
}
