import { safeStorage, shell } from 'electron';
import type { SecretStore } from '../core/context';

/**
 * Sync passwords encrypted with the operating system's keychain (Keychain, DPAPI, libsecret/kwallet).
 * On Linux without a keyring Electron falls back to a fixed key ('basic_text'): that is not
 * protection, so Fieldbook treats it as unavailable and offers session-only instead.
 */
export const safeStorageSecrets: SecretStore = {
  isAvailable: () =>
    safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(data),
};

/** Show a folder target in the file manager; returns the error text, or null when it opened. */
export const openFolderInShell = async (folder: string): Promise<string | null> => (await shell.openPath(folder)) || null;
