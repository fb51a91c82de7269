import crypto from 'node:crypto';

/**
 * scrypt, for every passphrase Fieldbook takes (the lock's and encrypted backups'). New ones use
 * N = 2^17 (128 MiB, about half a second): slow for guessing, quick enough for a person. Older ones
 * were made with N = 2^15 and are still read with what they were made with. It runs on libuv's
 * thread pool, so a passphrase being checked holds up no other call.
 */
export const SCRYPT_LOG_N = 17;
export const LEGACY_SCRYPT_LOG_N = 15;
/** What a file may ask for when read: up to 1 GiB of memory. */
export const MAX_SCRYPT_LOG_N = 20;

const params = (logN: number): crypto.ScryptOptions => ({ N: 2 ** logN, r: 8, p: 1, maxmem: 129 * 8 * 2 ** logN });

/** length bytes of key from the passphrase (NFC, so the same words typed on any keyboard match). */
export function deriveKey(passphrase: string, salt: Buffer, logN: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(passphrase.normalize('NFC'), salt, length, params(logN), (err, key) => (err ? reject(err) : resolve(key))),
  );
}
