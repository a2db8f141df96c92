import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import type { AttestationTally } from '../../shared/types/attestations';

/** The issuer tests print on attestations: Région Pays de la Loire (its real SIRET, checksum valid). */
export const TEST_ISSUER = { name: 'Région Pays de la Loire', siret: '23440003400026' } as const;

/**
 * The text of a PDF as `pdftotext -layout` reads it (poppler-utils, installed by .ci/run), runs of spaces (no-break
 * ones included) folded into one so that assertions do not depend on the layout's columns.
 */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[ \u00a0\u202f]+/g, ' ');
}

/** Hex of a WinAnsi text as pdf-lib writes it in a content stream (`<52E967…> Tj`). */
const hexOf = (text: string): string => Buffer.from(text, 'latin1').toString('hex').toUpperCase();

/**
 * A PDF whose first page's content stream draws `to` where it drew `from` (same font, same place): the edit a forger
 * makes to change a figure, done on the decoded stream and compressed again. Throws when `from` is not drawn.
 */
export async function replaceDrawnText(bytes: Uint8Array, from: string, to: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const contents = doc.context.lookup(doc.getPage(0).node.get(PDFName.of('Contents')));
  const refs = contents instanceof PDFArray ? contents.asArray() : [doc.getPage(0).node.get(PDFName.of('Contents'))];
  for (const ref of refs) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream) || ref === undefined) continue;
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    if (!text.includes(`<${hexOf(from)}>`)) continue;
    doc.context.assign(ref as Parameters<typeof doc.context.assign>[0], doc.context.flateStream(Buffer.from(text.replace(`<${hexOf(from)}>`, `<${hexOf(to)}>`), 'latin1')));
    return doc.save({ useObjectStreams: false });
  }
  throw new Error(`« ${from} » n’est pas dessiné sur la première page`);
}

/** Which side of an extract's journeys names the person. */
export type CsvPerson = { identityKey: string } | { operator: string; userId: string };

const cents = (euros: string | undefined): number => (euros === undefined || euros === '' ? 0 : Math.round(Number(euros) * 100));

/**
 * What an attestation must say, counted here from the extract file itself (papaparse), without the store: per month
 * of the period and in total, the person's journeys whose `status` is `ok` (or empty) and whose `start_date` (local)
 * is in the period, as driver and as passenger; distinct days; distance (km × 1000); passenger contribution paid,
 * driver revenue received and registry incentives as driver, in cents.
 */
export function countFromExtract(file: string, person: CsvPerson, period: { from: string; to: string }): { months: Map<string, AttestationTally>; totals: AttestationTally } {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true });
  const empty = (): AttestationTally => ({ journeysAsDriver: 0, journeysAsPassenger: 0, days: 0, distanceM: 0, amountPaidCents: 0, amountReceivedCents: 0, incentivesCents: 0 });
  const months = new Map<string, AttestationTally>();
  const totals = empty();
  const days = new Set<string>();
  const is = (row: Record<string, string>, side: 'driver' | 'passenger'): boolean =>
    'identityKey' in person ? row[`${side}_identity_key`] === person.identityKey : row.operator === person.operator && row[`operator_${side}_id`] === person.userId;
  for (const row of parsed.data) {
    const day = row.start_date ?? '';
    if (!(row.status === 'ok' || row.status === '') || day < period.from || day > period.to) continue;
    for (const side of ['driver', 'passenger'] as const) {
      if (!is(row, side)) continue;
      const month = months.get(day.slice(0, 7)) ?? empty();
      months.set(day.slice(0, 7), month);
      for (const tally of [month, totals]) {
        if (side === 'driver') {
          tally.journeysAsDriver += 1;
          tally.amountReceivedCents += cents(row.driver_revenue);
          tally.incentivesCents += cents(row.incentive_rpc_0_amount) + cents(row.incentive_rpc_1_amount) + cents(row.incentive_rpc_2_amount);
        } else {
          tally.journeysAsPassenger += 1;
          tally.amountPaidCents += cents(row.passenger_contribution);
        }
        tally.distanceM += Math.round(Number(row.distance) * 1000);
      }
      if (!days.has(day)) {
        days.add(day);
        month.days += 1;
        totals.days += 1;
      }
    }
  }
  return { months, totals };
}

/** The identity key with the most journeys in either role in an extract file (the person a test attests). */
export function busiestIdentity(file: string): string {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true });
  const counts = new Map<string, number>();
  for (const row of parsed.data) {
    for (const key of [row.driver_identity_key, row.passenger_identity_key]) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}
