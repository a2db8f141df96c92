import { existsSync } from 'node:fs';
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { UserError } from '../../shared/ipc/result';
import type { StatsQuery, StatsResult } from '../../shared/types/stats';
import { ObservatoryRequest, type ObservatoryIndicators } from '../../shared/types/territory';
import type { z } from 'zod';
import { aomCarpoolsByMonth, operatorsByMonth } from '../db/observatory-source';
import { paidByAuthority } from '../db/rpc-incentives';
import type { SqlExecutor } from '../db/sql-executor';
import { completeMonths, lastCompleteMonths } from '../domain/time/calendar';
import { aomOf, territoryTest } from '../domain/discovery/territory-profile';
import type { GeoResolver } from '../domain/geo/geo-resolver';
import { composeIndicators } from '../domain/observatory/compose-indicators';
import { FRANCE_COUNTRY_CODE } from '../domain/trips/trip-row';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import { makePrivateDir } from '../platform/private-files';
import { communeIndexFor } from './commune-index';

/** Months of the default period: the last twelve complete months the statistics cover. */
const DEFAULT_MONTHS = 12;

/** What the observatory service reads. */
export interface ObservatoryServiceDeps {
  runner: JobRunner;
  /** The Statistiques page's dashboard: the indicators give its figures for the same scope and period. */
  statsQuery(query: StatsQuery): Promise<StatsResult>;
  /** First and last days the statistics aggregates cover, or null before any refresh. */
  statsPeriod(): Promise<{ from: string; to: string } | null>;
  geography(): Promise<GeoResolver>;
  /** The `map.minCount` setting: the privacy threshold of what is published. */
  minCount(): Promise<number>;
  /** Attestations issued on local days `from`–`to` (the attestations service's register). */
  attestationsIssued(period: { from: string; to: string }): Promise<number>;
  sql: SqlExecutor;
  exportDir: string;
  now(): Date;
}

/** Where a publication writes: its staging folder (renamed once complete) and its final one. */
interface PublishContext {
  dir: string;
  stagingDir: string;
}

/** What a publication ends with. */
export type ObservatoryPublishResult = { dir: string; files: number; bytes: number };

/** `Nantes Métropole` → `nantes metropole`, to tell an authority's AOM by its name. */
function nameKey(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The observatory (issue 12, docs/observatory.md): impact indicators of a period for the whole store or a territory,
 * with the Statistiques page's definitions and the map privacy threshold, and their publication as a self-contained
 * static site (a job: the page is written by the worker into a staging folder, renamed once complete).
 */
export class ObservatoryService {
  private readonly publishDefinition: JobDefinition<'observatory.publish', { indicators: ObservatoryIndicators; dir: string }, PublishContext, ObservatoryPublishResult>;

  constructor(private readonly deps: ObservatoryServiceDeps) {
    this.publishDefinition = {
      kind: 'observatory.publish',
      task: 'observatory.publish',
      tables: [],
      prepare: async ({ indicators, dir }, jobId) => {
        await makePrivateDir(dirname(dir));
        const stagingDir = join(dirname(dir), `.${basename(dir)}.${jobId}.partial`);
        return { context: { dir, stagingDir }, workerParams: { indicators, stagingDir, generatedAt: this.deps.now().toISOString() }, total: 0 };
      },
      commit: async ({ dir, stagingDir }, summary) => {
        // An empty folder given with --out is replaced; a folder that filled meanwhile is refused by rename itself.
        if (existsSync(dir)) await rmdir(dir);
        await rename(stagingDir, dir);
        return { dir, files: summary.files.length, bytes: summary.bytes };
      },
      rollback: async ({ stagingDir }) => {
        await rm(stagingDir, { recursive: true, force: true });
      },
    };
  }

  /**
   * The default period: the last twelve complete months the statistics cover (fewer when they cover fewer, their
   * whole span when they cover no whole month). Refused before the statistics are computed.
   */
  private async defaultPeriod(): Promise<{ from: string; to: string }> {
    const covered = await this.deps.statsPeriod();
    if (!covered) throw new UserError('invalid_input', 'Les statistiques de la base ne sont pas calculées : importez des extraits (ou chargez la démonstration) et mettez-les à jour.');
    return lastCompleteMonths({ first: covered.from, last: covered.to }, DEFAULT_MONTHS) ?? covered;
  }

  /**
   * The indicators of a period (default: the last twelve complete months of the statistics) for a territory or the
   * whole store (journeys with an end in France): journeys, carpools, carpoolers and CO₂ as the Statistiques page,
   * operators sending proofs (per month), authorities whose campaigns paid (registry incentives), evolution of
   * carpools from the first to the last complete month in the AOM they fund against the other AOM, attestations
   * issued; counts under the `map.minCount` threshold hidden.
   */
  async indicators(input: z.input<typeof ObservatoryRequest>): Promise<ObservatoryIndicators> {
    const request = ObservatoryRequest.parse(input);
    const period = request.from !== undefined && request.to !== undefined ? { from: request.from, to: request.to } : await this.defaultPeriod();
    if (period.from > period.to) throw new UserError('invalid_input', 'la date de début doit précéder la date de fin');
    const territory = request.territory;
    const scope = { level: territory?.level ?? 'country', code: territory?.code ?? FRANCE_COUNTRY_CODE, ...period } as const;
    const complete = completeMonths(period.from, period.to);
    const evolutionMonths = complete.length >= 2 ? [complete[0] ?? '', complete.at(-1) ?? ''] : [];
    const [stats, operators, authorities, aomCarpools, attestationsIssued, minCount, geo] = await Promise.all([
      this.deps.statsQuery({ ...scope, direction: 'both', granularity: 'month' }),
      operatorsByMonth(this.deps.sql, scope),
      paidByAuthority(this.deps.sql, { from: period.from, to: period.to, territory: { level: scope.level, code: scope.code } }),
      aomCarpoolsByMonth(this.deps.sql, evolutionMonths),
      this.deps.attestationsIssued(period),
      this.deps.minCount(),
      this.deps.geography(),
    ]);
    const storeAoms = [...new Set(aomCarpools.map((row) => row.code))];
    const campaignAoms = new Set<string>();
    for (const authority of authorities) {
      // The payer's SIREN (the first nine digits of its SIRET) when it is an AOM's, else the AOM of the same name.
      const siren = authority.siret && /^\d{9}(\d{5})?$/.test(authority.siret) ? authority.siret.slice(0, 9) : null;
      const key = nameKey(authority.authority);
      const found = storeAoms.find((code) => code === siren || nameKey(geo.name('aom', code) ?? geo.name('epci', code) ?? '') === key);
      if (found) campaignAoms.add(found);
    }
    let scopeAoms: Set<string> | null = null;
    if (territory?.level === 'aom') scopeAoms = new Set([territory.code]);
    else if (territory) {
      const index = communeIndexFor(geo);
      const test = territoryTest(territory, index);
      scopeAoms = new Set(index.communes.filter(test).flatMap((commune) => aomOf(commune.location) ?? []));
    }
    return composeIndicators({
      territory: territory ? { ...territory, name: stats.territory.name } : null,
      from: period.from, to: period.to, minCount, stats, operators, authorities, aomCarpools, scopeAoms, campaignAoms, attestationsIssued,
    });
  }

  /** `observatoire-aom-244400404-2025-11-01_2026-10-31`, then ` (2)`, ` (3)`… when taken, in the exports folder. */
  private async newSiteDir(indicators: ObservatoryIndicators): Promise<string> {
    const scope = indicators.territory ? `${indicators.territory.level}-${indicators.territory.code}` : 'base';
    const base = `observatoire-${scope}-${indicators.from}_${indicators.to}`;
    await makePrivateDir(this.deps.exportDir);
    const taken = new Set(await readdir(this.deps.exportDir));
    for (let n = 1; ; n += 1) {
      const name = n === 1 ? base : `${base} (${n})`;
      if (!taken.has(name)) return join(this.deps.exportDir, name);
    }
  }

  /**
   * Starts writing the observatory's indicators as a self-contained static site (`index.html`, its DSFR styles and
   * fonts, inline SVG charts with their tables; no script, no external address) into `out` (a new or empty folder)
   * or a new folder of the exports folder. Answers the job id and the folder.
   */
  async publish(input: z.input<typeof ObservatoryRequest>, out?: string): Promise<{ jobId: JobId<ObservatoryPublishResult>; dir: string }> {
    const indicators = await this.indicators(input);
    let dir: string;
    if (out === undefined) dir = await this.newSiteDir(indicators);
    else {
      dir = resolvePath(out);
      const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw new UserError('invalid_input', `Dossier inutilisable : ${dir} (${error.code ?? error.message})`);
      });
      if (entries.length > 0) throw new UserError('invalid_input', `Le dossier ${dir} n’est pas vide : choisissez un dossier nouveau ou vide pour le site.`);
    }
    return { jobId: await this.deps.runner.start(this.publishDefinition, { indicators, dir }), dir };
  }
}
