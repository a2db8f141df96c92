import { BrowserWindow, dialog, shell } from 'electron';
import { makePrivateDir } from './private-files';

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
  await makePrivateDir(path);
  const error = await shell.openPath(path);
  if (error) throw new Error(`Ouverture du dossier impossible : ${error}`);
}

/**
 * Asks before a link leaves the app for a site that is not the State's (`safeOpenExternal`): the host in full
 * (punycode for internationalised names, so a look-alike shows), « Annuler » by default and on Escape. Answers
 * whether the user chose to open it.
 */
export async function confirmExternalLink(host: string, url: string): Promise<boolean> {
  const options: Electron.MessageBoxOptions = {
    type: 'warning',
    title: 'Ouvrir un site externe ?',
    message: `Ce lien mène à un site qui n’est pas un site de l’État : ${host}`,
    detail: `${url.length > 300 ? `${url.slice(0, 300)}…` : url}\n\nIl s’ouvrira dans votre navigateur. Ne l’ouvrez que si vous en connaissez la provenance.`,
    buttons: ['Annuler', 'Ouvrir dans le navigateur'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const window = BrowserWindow.getFocusedWindow();
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 1;
}
