import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, type FieldbookClient, IPC_CHANNEL } from '../../shared/api';

/**
 * The renderer's only door to the core: one function per call in the contract, each a plain
 * invoke on one channel. ipcRenderer itself is never exposed, so the page cannot send anything else.
 */
const client = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(IPC_CHANNEL, name, input)]),
) as FieldbookClient;

contextBridge.exposeInMainWorld('fieldbook', client);
