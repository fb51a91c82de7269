import { ipcMain } from 'electron';
import { type Envelope, IPC_CHANNEL } from '../../shared/api';
import type { Core } from '../core';
import { isOwnRendererUrl } from './policy';

/**
 * The Electron transport: one channel, every call goes through the core's dispatch (which
 * validates the input against the contract). This file adds no calls and no logic of its own.
 */
export function registerIpc(core: Core, indexUrl: string): void {
  ipcMain.handle(IPC_CHANNEL, async (event, name: unknown, input: unknown): Promise<Envelope<unknown>> => {
    // Only our own page may call in: not a frame that somehow loaded other content.
    if (!isOwnRendererUrl(event.senderFrame?.url, indexUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'This page is not allowed to use Fieldbook.' } };
    }
    return core.call(String(name), input);
  });
}

export const unregisterIpc = (): void => ipcMain.removeHandler(IPC_CHANNEL);
