import { mkdir } from 'node:fs/promises';
import { BrowserWindow, dialog, shell } from 'electron';

/** The system's file picker for registry extracts (several files at once); empty when cancelled. */
export async function pickExtractFiles(): Promise<string[]> {
  const options: Electron.OpenDialogOptions = {
    title: 'Importer des extraits du registre',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Extraits du registre (CSV, CSV compressé, ZIP)', extensions: ['csv', 'gz', 'zip'] },
      { name: 'Tous les fichiers', extensions: ['*'] },
    ],
  };
  const window = BrowserWindow.getFocusedWindow();
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** Opens a folder in the system's file manager (created first, so a first visit does not fail). */
export async function openFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  const error = await shell.openPath(path);
  if (error) throw new Error(`Ouverture du dossier impossible : ${error}`);
}
