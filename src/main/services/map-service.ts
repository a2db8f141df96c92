import { writeFile } from 'node:fs/promises';
import { HourBand, type LonLat, type MapLevel, type MapQuery, type MapResult } from '../../shared/types/map';
import { UserError } from '../../shared/ipc/result';
import type { FlowRow, MapRepository } from '../db/repositories/map-repository';
import type { MapScope } from '../domain/map/map-scope';
import type { GeoResolver } from '../domain/geo/geo-resolver';
import { composeMap, pairKey, type PairCount } from '../domain/map/compose-map';
import { levelPositions } from '../domain/map/level-positions';
import { previousPeriod } from '../domain/map/period-months';
import { writeMapCsv, writeMapGeoJson } from '../exports/map-files';
import { fileNamePart } from '../exports/unique-file-names';
import { communePopulations } from '../geo/decoupage-reference';
import { makePrivateDir, openNewPrivateFile } from '../platform/private-files';

/** The first bytes of every PNG file. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the map service reads besides its repository. */
export interface MapServiceDeps {
  repository: MapRepository;
  /** The geography of the statistics (names, memberships), memoised by the statistics service. */
  geography(): Promise<GeoResolver>;
  /** The `map.minCount` setting: the lowest privacy threshold any map may use. */
  minCount(): Promise<number>;
  /** Representative positions of the store's or bundled contours of a level (fallback for places without journeys). */
  contourPositions(level: MapLevel): Promise<ReadonlyMap<string, LonLat>>;
  /** Journeys a saved simulation incentivised per directed pair of a scope, and the simulation's name. */
  simulationOverlay(simulationId: number, scope: MapScope): Promise<{ label: string; pairs: ReadonlyMap<string, number> }>;
  exportDir: string;
  now(): Date;
}

/** `Nantes Métropole — flux` → `nantes-metropole-flux`, for file names. */
function fileSlug(text: string): string {
  const slug = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 80) || 'carte';
}

const toPairs = (rows: readonly FlowRow[]): PairCount[] =>
  rows.map((row) => ({
    origin: row.origin, destination: row.destination, journeys: row.journeys, rpcCents: row.rpc_cents,
    originIn: row.origin_in === 1, destinationIn: row.destination_in === 1,
  }));

/**
 * Flow maps (issue 11, docs/map.md): flows and places of a territory, period, weekdays and hour bands from the map
 * aggregates, with the privacy threshold applied before anything leaves this service (page, exports, CLI), places
 * located by their journeys' median positions, populations of the shipped COG, and an optional overlay.
 */
export class MapService {
  private populationCache: { geo: GeoResolver; byLevel: Map<MapLevel, Map<string, number>> } | null = null;

  constructor(private readonly deps: MapServiceDeps) {}

  /** The threshold a query gets: its own when higher than the setting, else the setting. */
  async threshold(requested?: number): Promise<number> {
    const floor = await this.deps.minCount();
    return Math.max(floor, requested ?? floor);
  }

  /** The flows and places of a query, thresholded. */
  async flows(query: MapQuery): Promise<MapResult> {
    const started = performance.now();
    const minCount = await this.threshold(query.minCount);
    const scope = this.scopeOf(query);
    const previous = previousPeriod(query.from, query.to);
    const geo = await this.deps.geography();
    const [rows, previousRows, monthsMissing, positions, overlay] = await Promise.all([
      this.deps.repository.flows(scope),
      this.deps.repository.flows({ ...scope, ...previous }),
      this.deps.repository.monthsMissing(query.from, query.to),
      this.positions(query.level, geo),
      this.overlay(query, scope),
    ]);
    const populations = this.populations(query.level, geo);
    const composed = composeMap({
      pairs: toPairs(rows),
      previous: toPairs(previousRows),
      overlay: overlay?.pairs ?? null,
      minCount,
      name: (code) => geo.name(query.level, code) ?? (query.level === 'com' ? geo.name('country', code) : null),
      position: (code) => positions.get(code) ?? null,
      population: (code) => populations.get(code) ?? null,
    });
    return {
      level: query.level,
      territory: query.territory ? { ...query.territory, name: geo.name(query.territory.level, query.territory.code) } : null,
      from: query.from,
      to: query.to,
      days: query.days ?? [1, 2, 3, 4, 5, 6, 7],
      bands: query.bands ?? HourBand.options,
      direction: query.direction,
      minCount,
      ...composed,
      previous,
      overlay: overlay ? { kind: overlay.kind, label: overlay.label } : null,
      monthsMissing,
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /** Months between two local days whose statistics predate the map aggregates (a statistics refresh builds them). */
  monthsMissing(from: string, to: string): Promise<string[]> {
    return this.deps.repository.monthsMissing(from, to);
  }

  /**
   * Writes what a query shows into the exports folder: GeoJSON (one Feature per flow) or CSV. Nothing under the
   * threshold is written. Answers the file's path, its flows and their journeys.
   */
  async exportFlows(query: MapQuery, format: 'geojson' | 'csv', out?: string): Promise<{ path: string; flows: number; journeysShown: number }> {
    const result = await this.flows(query);
    const stamp = this.deps.now().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const territory = result.territory ? `${result.territory.level}-${fileNamePart(result.territory.code)}` : 'tout';
    const name = (suffix: string): string => `flux-${result.level}-${territory}-${result.from}_${result.to}-${stamp}${suffix}.${format}`;
    const path = out ?? (await this.newExportFile(name));
    if (format === 'geojson') await writeMapGeoJson(path, result);
    else await writeMapCsv(path, result);
    return { path, flows: result.flows.length, journeysShown: result.journeysShown };
  }

  /** Saves a PNG the page composed into the exports folder, after checking it is one. */
  async savePng(title: string, pngBase64: string): Promise<{ path: string }> {
    const bytes = Buffer.from(pngBase64.replace(/^data:image\/png;base64,/, ''), 'base64');
    if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
      throw new UserError('invalid_input', 'Image refusée : ce n’est pas un fichier PNG.');
    }
    const stamp = this.deps.now().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const path = await this.newExportFile((suffix) => `carte-${fileSlug(title)}-${stamp}${suffix}.png`);
    await writeFile(path, bytes);
    return { path };
  }

  /** Creates a new private file in the exports folder (never replacing one) and answers its path. */
  private async newExportFile(name: (suffix: string) => string): Promise<string> {
    await makePrivateDir(this.deps.exportDir);
    const { path, handle } = await openNewPrivateFile(this.deps.exportDir, name);
    await handle.close();
    return path;
  }

  private scopeOf(query: MapQuery): MapScope {
    return {
      level: query.level,
      territory: query.territory,
      from: query.from,
      to: query.to,
      days: query.days && query.days.length < 7 ? [...new Set(query.days)].sort() : null,
      bands: query.bands && query.bands.length < HourBand.options.length ? [...new Set(query.bands)].map((band) => HourBand.options.indexOf(band)).sort() : null,
      direction: query.direction,
    };
  }

  private async overlay(query: MapQuery, scope: MapScope): Promise<{ kind: 'simulation' | 'flagged'; label: string; pairs: ReadonlyMap<string, number> } | null> {
    if (!query.overlay) return null;
    if (query.overlay.kind === 'simulation') return { kind: 'simulation', ...(await this.deps.simulationOverlay(query.overlay.simulationId, scope)) };
    const rows = await this.deps.repository.flaggedFlows(scope);
    return { kind: 'flagged', label: 'Trajets signalés par les contrôles', pairs: new Map(rows.map((row) => [pairKey(row.origin, row.destination), row.journeys])) };
  }

  /**
   * Places' positions at a level: communes at the median of their journeys' ends; coarser levels at the weighted
   * median of their communes (where their carpooling happens); contours' positions for places journeys do not locate.
   */
  private async positions(level: MapLevel, geo: GeoResolver): Promise<Map<string, LonLat>> {
    const [communes, contours] = await Promise.all([this.deps.repository.communePositions(), this.deps.contourPositions(level)]);
    const positions =
      level === 'com'
        ? new Map<string, LonLat>([...communes].map(([code, p]) => [code, [p.lon, p.lat]]))
        : levelPositions(communes, (insee) => geo.resolve(insee)?.[level] ?? null);
    for (const [code, position] of contours) if (!positions.has(code)) positions.set(code, position);
    return positions;
  }

  /** Municipal population per place of a level (communes summed into EPCI, AOM, départements). */
  private populations(level: MapLevel, geo: GeoResolver): Map<string, number> {
    if (this.populationCache?.geo !== geo) this.populationCache = { geo, byLevel: new Map() };
    const cached = this.populationCache.byLevel.get(level);
    if (cached) return cached;
    const { communes, arrondissements } = communePopulations();
    const byCode = new Map<string, number>();
    if (level === 'com') {
      for (const [code, population] of communes) byCode.set(code, population);
      for (const [code, population] of arrondissements) byCode.set(code, population);
    } else {
      for (const [insee, population] of communes) {
        const code = geo.resolve(insee)?.[level];
        if (code) byCode.set(code, (byCode.get(code) ?? 0) + population);
      }
    }
    this.populationCache.byLevel.set(level, byCode);
    return byCode;
  }
}
