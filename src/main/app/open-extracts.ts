import { dialog, type BrowserWindow } from 'electron';
import type { ImportService } from '../services/import-service';
import { openedFilesWarning, type OpenedFiles } from './opened-files';
import { bringToFront, showPage } from './window';

/** Route of the Données page, where import jobs show their progress. */
const DATA_PAGE = '/donnees';

/**
 * Imports the extracts opened with the app (command line, « Ouvrir avec », a second launch) exactly as the Données
 * page does: one import job per file through the services, whose job events the page follows. The window comes to
 * the front on the Données page; files that could not be taken are listed in a warning.
 */
export async function importOpenedFiles(window: BrowserWindow, imports: Pick<ImportService, 'importFiles'>, opened: OpenedFiles): Promise<void> {
  const problems = [openedFilesWarning(opened)];
  if (opened.files.length > 0) {
    try {
      await imports.importFiles(opened.files);
      showPage(window, DATA_PAGE);
    } catch (error) {
      problems.push(`L’import n’a pas pu commencer : ${error instanceof Error ? error.message : String(error)}`);
    }
    bringToFront(window);
  }
  const detail = problems.filter((problem): problem is string => problem !== null).join('\n');
  if (detail === '') return;
  await dialog.showMessageBox(window, { type: 'warning', title: 'Atelier Covoiturage', message: 'Certains fichiers ouverts n’ont pas été importés.', detail, buttons: ['OK'], noLink: true });
}
