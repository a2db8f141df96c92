import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { endCliRun, freshCliRun, type CliRun } from '../../testing/cli-harness';
import { runCli } from '../run-cli';

/** One demo store for the file (loading it is most of the time): each test writes its own folders beside it. */
let run: CliRun;
let db: string;

function cli(...argv: string[]): Promise<number> {
  return runCli(argv, run.context);
}

beforeAll(async () => {
  run = freshCliRun();
  vi.stubEnv('ATELIER_KEY_DIR', join(run.dir, 'clés'));
  db = join(run.dir, 'base.sqlite');
  expect(await cli('demo', '--db', db, '--trips', '600', '--json')).toBe(0);
});

beforeEach(() => {
  run.out.length = 0;
  run.err.length = 0;
});

afterAll(() => endCliRun(run));

describe('atelier observatory publish', () => {
  it('writes the static site of a territory, prints what it holds, or the indicators as JSON', async () => {
    const out = join(run.dir, 'site');
    expect(await cli('observatory', 'publish', '--db', db, '--out', out, '--level', 'aom', '--code', '244400404', '--json')).toBe(0);
    const printed = JSON.parse(run.out.join('\n')) as { dir: string; files: number; bytes: number; indicators: { territory: { name: string }; journeys: number; from: string; to: string } };
    expect(printed).toMatchObject({ dir: out, indicators: { territory: { name: 'Nantes Métropole' } } });
    expect(printed.files).toBeGreaterThan(10);
    expect(printed.indicators.journeys).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<html lang="fr"');

    run.out.length = 0;
    const whole = join(run.dir, 'site-base');
    expect(await cli('observatory', 'publish', '--db', db, '--out', whole, '--from', printed.indicators.from, '--to', printed.indicators.to)).toBe(0);
    expect(run.out).toHaveLength(1);
    expect(run.out[0]).toMatch(new RegExp(`^Observatoire publié dans ${whole.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(index\\.html, \\d+ fichiers, \\S+\\s[kM]o\\) — toute la base, du .+ : [\\d\\s]+ trajets, [\\d\\s]+ covoiturages, \\d+ opérateurs, 1 autorité avec une campagne, [\\d,]+ t de CO₂ évitées\\.$`));
    expect(existsSync(join(whole, 'assets', 'dsfr', 'core', 'core.min.css'))).toBe(true);
  });

  it('exits 1 with the reason for a missing or taken folder, a half territory, a bad level or action', async () => {
    const taken = join(run.dir, 'occupé');
    mkdirSync(taken);
    writeFileSync(join(taken, 'notes.txt'), 'à garder');
    expect(await cli('observatory', 'publish', '--db', db)).toBe(1);
    expect(await cli('observatory', 'publish', '--db', db, '--out', taken)).toBe(1);
    expect(await cli('observatory', 'publish', '--db', db, '--out', join(run.dir, 'x'), '--level', 'aom')).toBe(1);
    expect(await cli('observatory', 'publish', '--db', db, '--out', join(run.dir, 'x'), '--level', 'canton', '--code', '1')).toBe(1);
    expect(await cli('observatory', 'list', '--db', db)).toBe(1);
    expect(run.err.filter((line) => line.startsWith('Erreur'))).toEqual([
      'Erreur : --out DOSSIER est obligatoire (un dossier nouveau ou vide)',
      `Erreur : Le dossier ${taken} n’est pas vide : choisissez un dossier nouveau ou vide pour le site.`,
      'Erreur : --level et --code vont ensemble (par exemple --level aom --code 244400404)',
      expect.stringMatching(/^Erreur : --level : .* \(niveaux : com, epci, aom, dep, reg ; dates AAAA-MM-JJ\)$/),
      'Erreur : Action inconnue : observatory list (attendu : publish)',
    ]);
    expect(readFileSync(join(taken, 'notes.txt'), 'utf8')).toBe('à garder');
  });
});

describe('atelier campaign simulate: never a silent zero', () => {
  it('prints why a catalogue campaign pays nothing on the demo period, and saves the warnings with the result', async () => {
    const site = join(run.dir, 'site-dates');
    expect(await cli('observatory', 'publish', '--db', db, '--out', site, '--json')).toBe(0);
    const { from, to } = (JSON.parse(run.out.join('\n')) as { indicators: { from: string; to: string } }).indicators;
    run.out.length = 0;
    run.err.length = 0;
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', 'nantes_metropole_2024', '--from', from, '--to', to, '--json')).toBe(0);
    const printed = JSON.parse(run.out.join('\n')) as { amount_cents: number; warnings: Array<{ code: string; message: string }> };
    expect(printed.amount_cents).toBe(0);
    expect(printed.warnings.map((warning) => warning.code)).toEqual(['window_outside']);
    expect(run.err).toContain(`Attention : ${printed.warnings[0]?.message ?? ''}`);
    expect(run.err.at(-1)).toMatch(/^Attention : La campagne ne s’applique que du 01\/01\/2024 au 31\/12\/2025 : /);
  });
});
