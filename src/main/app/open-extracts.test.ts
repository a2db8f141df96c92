import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateExtractFile } from '../extracts/generate-extract';
import { PAYS_DE_LA_LOIRE } from '../domain/demo/demo-geography';
import type { AppServices } from '../services/app-services';
import { TempStore } from '../testing/temp-store';
import { importOpenedFiles } from './open-extracts';
import { sortOpenedPaths } from './opened-files';

/**
 * Extracts opened with the app go to the same import job as the Données page's, on real services; the window (a
 * stand-in: no Electron here) is brought forward on the Données page, and files not imported are listed.
 */

const showMessageBox = vi.hoisted(() => vi.fn<(...args: unknown[]) => Promise<{ response: number }>>(async () => ({ response: 0 })));
vi.mock('electron', () => ({ dialog: { showMessageBox }, protocol: {}, BrowserWindow: class {} }));

let store: TempStore;
let services: AppServices;
let extract: string;

/** The few window methods the import uses, recorded. */
function fakeWindow(): { window: BrowserWindow; loadURL: ReturnType<typeof vi.fn>; restore: ReturnType<typeof vi.fn> } {
  const loadURL = vi.fn(async () => undefined);
  const restore = vi.fn();
  const window = { loadURL, restore, isMinimized: () => true, isVisible: () => true, focus: vi.fn() } as unknown as BrowserWindow;
  return { window, loadURL, restore };
}

beforeAll(async () => {
  store = new TempStore();
  services = await store.open();
  extract = join(store.dir, 'rpc-2026-09.csv');
  await generateExtractFile({ rows: 200, format: 'territory', seed: 3, out: extract, region: PAYS_DE_LA_LOIRE, firstDay: '2026-09-01', days: 30 });
});

afterAll(async () => {
  await store.cleanup();
});

describe('importOpenedFiles', () => {
  it('starts the Données page’s import job for each extract, shows that page, and lists the files left out', async () => {
    const events: Array<{ event: string; kind: unknown }> = [];
    const unsubscribe = services.bus.subscribe((event, payload) => events.push({ event, kind: 'kind' in payload ? payload.kind : null }));
    const { window, loadURL, restore } = fakeWindow();
    await importOpenedFiles(window, services.imports, sortOpenedPaths([extract, 'absent.csv'], store.dir));

    const [job] = await services.jobs.list(5);
    expect(job).toMatchObject({ kind: 'extract.import', params: { filePath: extract } });
    expect(await services.runner.wait(job!.id)).toMatchObject({ status: 'done', summary: { rowsInserted: 200 } });
    unsubscribe();
    // The job events the Données page follows, from the moment the job is queued.
    expect(events[0]).toEqual({ event: 'job:progress', kind: 'extract.import' });
    expect(loadURL).toHaveBeenCalledWith('app://atelier/index.html#/donnees');
    expect(restore).toHaveBeenCalled();
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(showMessageBox.mock.calls[0]).toMatchObject([window, { type: 'warning', detail: `absent.csv : fichier introuvable (${join(store.dir, 'absent.csv')})` }]);
  });

  it('leaves the window where it is when nothing can be imported, and says why', async () => {
    showMessageBox.mockClear();
    const { window, loadURL } = fakeWindow();
    await importOpenedFiles(window, services.imports, { files: [], missing: [], unsupported: [join(store.dir, 'notes.txt')] });
    expect(loadURL).not.toHaveBeenCalled();
    expect(showMessageBox.mock.calls[0]?.[1]).toMatchObject({ detail: 'notes.txt : pas un extrait du registre (fichiers .csv, .csv.gz ou .zip seulement)' });
  });
});
