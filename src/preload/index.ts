import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { PreloadBridge } from '../shared/ipc/api';
import { isChannel, isEventName } from '../shared/ipc/channels';
import type { Result } from '../shared/ipc/result';

/**
 * The only surface the page gets: `invoke` for declared channels and `on` for declared events.
 * No raw ipcRenderer, no process, no Node; the main side validates every payload again.
 */
const bridge: PreloadBridge = {
  invoke(channel, payload) {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Canal inconnu : ${channel}` } } satisfies Result<never>);
    }
    return ipcRenderer.invoke(channel, payload) as Promise<Result<unknown>>;
  },
  on(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
  pathForFile(file) {
    // Dropped files carry no path in the page since Electron 32; only the preload may ask for it.
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('atelier', bridge);
