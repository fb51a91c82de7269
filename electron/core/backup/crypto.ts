import crypto from 'node:crypto';
import { AppError } from '../../../shared/result';

/**
 * Encrypted backup format: MAGIC (8) | version (1) | salt (16) | iv (12) | tag (16) | ciphertext.
 * AES-256-GCM with a key from scrypt; the header is authenticated too, so no byte of it can be altered.
 */
const MAGIC = Buffer.from('FBBACKUP', 'ascii');
const VERSION = 1;
const SALT_LEN = 16;
const IV_LEN = 12;
const TAG_LEN = 16;
const HEADER_LEN = MAGIC.length + 1 + SALT_LEN + IV_LEN + TAG_LEN;
// N = 2^15 costs about 0.1 s: slow for guessing, quick enough for a person.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

const deriveKey = (passphrase: string, salt: Buffer): Buffer => crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);

export const isEncryptedBackup = (bytes: Buffer): boolean => bytes.length >= HEADER_LEN && bytes.subarray(0, MAGIC.length).equals(MAGIC);

export function encryptBackup(plain: Buffer, passphrase: string): Buffer {
  const salt = crypto.randomBytes(SALT_LEN);
  const iv = crypto.randomBytes(IV_LEN);
  const aad = Buffer.concat([MAGIC, Buffer.from([VERSION]), salt, iv]);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([aad, cipher.getAuthTag(), body]);
}

export function decryptBackup(bytes: Buffer, passphrase: string | null): Buffer {
  if (!passphrase) throw new AppError('passphrase_needed', 'This backup is encrypted: enter the passphrase it was made with', 'passphrase');
  let at = MAGIC.length;
  const version = bytes[at++];
  if (version !== VERSION) throw new AppError('backup_too_new', 'This backup was encrypted by a newer version of Fieldbook; update Fieldbook to restore it', 'file');
  const salt = bytes.subarray(at, (at += SALT_LEN));
  const iv = bytes.subarray(at, (at += IV_LEN));
  const tag = bytes.subarray(at, (at += TAG_LEN));
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  decipher.setAAD(bytes.subarray(0, MAGIC.length + 1 + SALT_LEN + IV_LEN));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_LEN)), decipher.final()]);
  } catch {
    // GCM cannot tell a wrong passphrase from a damaged file; the passphrase is by far the likelier.
    throw new AppError('wrong_passphrase', 'That passphrase does not open this backup', 'passphrase');
  }
}
