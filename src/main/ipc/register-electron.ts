import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels';
import { fail } from '../../shared/ipc/result';
import type { EventBus } from '../events/event-bus';
import { APP_ORIGIN } from '../app/protocol';
import type { Dispatch } from './dispatcher';

/** Only the app's own page, in its main frame, may call the services (not an iframe, not a foreign page). */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Electron transport: one `ipcMain.handle` per contract channel, sender checked, then the shared dispatcher
 * validates and answers a `Result` envelope; push events are forwarded to every window.
 */
export function registerIpc(dispatch: Dispatch, bus: EventBus): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!trustedSender(event)) return fail('forbidden', 'Expéditeur non autorisé');
      return dispatch(channel, payload);
    });
  }
  const unsubscribe = bus.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
