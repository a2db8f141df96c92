import { dialog } from 'electron';
import { describeStore, type StoreAddress } from '../db/store-address';

/**
 * The desktop app's answer when the saved shared store cannot be used (`openStartupStore`): a dialog says why and
 * offers the local store for this session (the « Paramètres » page then shows the reason, to fix the choice) or to
 * quit.
 */
export async function askLocalStore(problem: string, shared: StoreAddress | null): Promise<boolean> {
  const where = shared === null ? '' : `Base partagée enregistrée : ${describeStore(shared)}\n\n`;
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Atelier Covoiturage',
    message: 'La base partagée n’a pas pu être ouverte',
    detail: `${where}${problem}\n\nVous pouvez travailler sur la base locale de ce poste pendant cette session, puis corriger la base partagée dans Paramètres.`,
    buttons: ['Démarrer sur la base locale', 'Quitter'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  return response === 0;
}
