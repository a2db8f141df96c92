import { BrowserWindow, dialog } from 'electron';

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
