/**
 * Benchmark of the anomaly and fraud checks: 1,000,000 generated journeys with labelled injected patterns
 * (self-carpool, overlapping trips, cross-operator duplicates, role-swap rings, impossible speeds, teleports,
 * robotic regularity), every check run once: seconds per check, total, peak RSS, and precision/recall per check
 * against the injected labels (flags already present on the base data left out). Target: total < 10 s.
 *
 *   npm run bench:scan -- [--rows 1000000] [--per-pattern 200]
 */
import { parseArgs } from 'node:util';
import { CHECK_CATALOGUE, injectPatterns, precisionRecall, runChecks } from '../src/main/domain/checks';
import { DEMO_OPERATORS } from '../src/main/domain/demo/demo-geography';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, 'per-pattern': { type: 'string', default: '200' } } });
const rows = Number(values.rows);
const fmt = (n: number, digits = 1): string => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });

const operatorIds = Object.fromEntries(DEMO_OPERATORS.map((operator, index) => [operator.name, index + 1]));
const base = [...generateDemoTrips({ seed: 17, journeys: rows, firstDay: '2026-01-05', days: 90, operatorIds })];
const baseline = runChecks(base);
const { trips, labels } = injectPatterns(base, { seed: 23, perPattern: Number(values['per-pattern']) });
console.log(`${fmt(trips.length, 0)} trajets (dont ${fmt(trips.length - base.length, 0)} injectés, ${fmt(Object.keys(labels).length, 0)} étiquetés)`);

const started = performance.now();
const flags = runChecks(trips);
const total = (performance.now() - started) / 1000;
console.log(`Tous les contrôles ensemble : ${fmt(total, 2)} s (${fmt(trips.length / total, 0)} trajets/s), ${fmt(flags.length, 0)} signalements — objectif < 10 s`);

console.log('Par contrôle (exécuté seul, index partagés reconstruits à chaque fois) :');
for (const meta of CHECK_CATALOGUE) {
  const t = performance.now();
  const own = runChecks(trips, {}, { only: [meta.code] });
  console.log(`  ${meta.id.padEnd(7)} ${fmt((performance.now() - t) / 1000, 2)} s — ${fmt(own.length, 0)} signalements — ${meta.label}`);
}

console.log('Précision / rappel sur les motifs injectés :');
for (const score of precisionRecall(flags, labels, baseline)) {
  console.log(`  ${score.checkId.padEnd(7)} précision ${fmt(score.precision, 3)}, rappel ${fmt(score.recall, 3)} (VP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives})`);
}
console.log(`Pic RSS : ${fmt(process.resourceUsage().maxRSS / 1024, 0)} Mo`);
