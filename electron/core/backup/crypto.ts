import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import { AppError } from '../../../shared/result';
import { deriveKey, LEGACY_SCRYPT_LOG_N, MAX_SCRYPT_LOG_N, SCRYPT_LOG_N } from '../kdf';
import { PRIVATE_FILE, streamInto } from '../durable';

/**
 * Encrypted backups: AES-256-GCM with a key from scrypt, written and read a chunk at a time, so a
 * backup of any size never has to fit in memory.
 *
 * Version 2: MAGIC (8) | 2 | log2 N (1) | salt (16) | iv (12) | plaintext length (8) | passphrase
 * check (16) | header checksum (8) | tag (16) | ciphertext. Everything before the tag is
 * authenticated. The checksum and the length tell a damaged file from a wrong passphrase before
 * any key is derived; the check (an HMAC under a second key from the same scrypt) tells a wrong
 * passphrase from damage in the ciphertext.
 * Version 1 (read only): MAGIC (8) | 1 | salt (16) | iv (12) | tag (16) | ciphertext, N = 2^15.
 */
const MAGIC = Buffer.from('FBBACKUP', 'ascii');
const VERSION = 2;
const SALT_LEN = 16;
const IV_LEN = 12;
const TAG_LEN = 16;
const CHECK_LEN = 16;
const SUM_LEN = 8;
const V1_HEADER_LEN = MAGIC.length + 1 + SALT_LEN + IV_LEN + TAG_LEN;
const V2_AAD_LEN = MAGIC.length + 2 + SALT_LEN + IV_LEN + 8 + CHECK_LEN + SUM_LEN;
const V2_HEADER_LEN = V2_AAD_LEN + TAG_LEN;
const CHECK_LABEL = 'Fieldbook backup passphrase check';

const damagedBackup = (why: string) =>
  new AppError('backup_damaged', `This backup file is damaged (${why}), so it cannot be restored; nothing was changed`, 'file');

const sum = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest().subarray(0, SUM_LEN);
const passphraseCheck = (checkKey: Buffer) => crypto.createHmac('sha256', checkKey).update(CHECK_LABEL).digest().subarray(0, CHECK_LEN);

/** How long an encrypted backup (version 2) must be, from its header; null when the header does not say (or is not intact). */
export function declaredEncryptedSize(head: Buffer): number | null {
  if (!isEncryptedBackup(head) || head[MAGIC.length] !== VERSION || head.length < V2_HEADER_LEN) return null;
  if (!sum(head.subarray(0, V2_AAD_LEN - SUM_LEN)).equals(head.subarray(V2_AAD_LEN - SUM_LEN, V2_AAD_LEN))) return null;
  return V2_HEADER_LEN + Number(head.readBigUInt64BE(MAGIC.length + 2 + SALT_LEN + IV_LEN));
}
export const ENCRYPTED_HEADER_BYTES = V2_HEADER_LEN;

/** The first bytes of a file say whether it is one of Fieldbook's encrypted backups. */
export const isEncryptedBackup = (head: Buffer): boolean => head.length > MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);

/** Encrypt the file `plain` into a new file `target` (created 0600, flushed to disk). */
export async function encryptBackupFile(plain: string, target: string, passphrase: string): Promise<void> {
  const length = (await fsp.stat(plain)).size;
  const salt = crypto.randomBytes(SALT_LEN);
  const iv = crypto.randomBytes(IV_LEN);
  const keys = await deriveKey(passphrase, salt, SCRYPT_LOG_N, 64);
  const lengthBytes = Buffer.alloc(8);
  lengthBytes.writeBigUInt64BE(BigInt(length));
  const head = Buffer.concat([MAGIC, Buffer.from([VERSION, SCRYPT_LOG_N]), salt, iv, lengthBytes, passphraseCheck(keys.subarray(32))]);
  const aad = Buffer.concat([head, sum(head)]);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.subarray(0, 32), iv);
  cipher.setAAD(aad);
  const out = await fsp.open(target, 'wx', PRIVATE_FILE);
  try {
    await out.write(aad, 0, aad.length, 0);
    const read = await streamInto(plain, 0, out, V2_HEADER_LEN, (c) => cipher.update(c));
    if (read !== length) throw new Error(`the copy changed while it was encrypted (${read} of ${length} bytes)`);
    const rest = cipher.final();
    await out.write(rest, 0, rest.length, V2_HEADER_LEN + length);
    await out.write(cipher.getAuthTag(), 0, TAG_LEN, V2_AAD_LEN);
    await out.sync();
  } finally {
    await out.close();
  }
}

/**
 * Decrypt `source` into a new file `target` (0600). Throws AppErrors a person can act on: the
 * passphrase is needed, it is wrong, the file is damaged, or it is from a newer Fieldbook. On a
 * throw, `target` may hold part of the plaintext: the caller removes it.
 */
export async function decryptBackupFile(source: string, target: string, passphrase: string | null): Promise<void> {
  const input = await fsp.open(source, 'r');
  let header: Buffer;
  let size: number;
  try {
    size = (await input.stat()).size;
    header = Buffer.alloc(Math.min(size, V2_HEADER_LEN));
    await input.read(header, 0, header.length, 0);
  } finally {
    await input.close();
  }
  if (!isEncryptedBackup(header)) throw damagedBackup('it is not an encrypted Fieldbook backup');
  const version = header[MAGIC.length];
  if (version > VERSION) throw new AppError('backup_too_new', 'This backup was encrypted by a newer version of Fieldbook; update Fieldbook to restore it', 'file');
  if (version !== 1 && version !== 2) throw damagedBackup('its header is not one Fieldbook writes');
  if (version === 1 && size < V1_HEADER_LEN) throw damagedBackup('it is shorter than its header');
  if (version === 2) {
    if (size < V2_HEADER_LEN) throw damagedBackup('it is shorter than its header');
    const expected = declaredEncryptedSize(header);
    if (expected === null) throw damagedBackup('its header was changed');
    if (size !== expected) throw damagedBackup(`it is ${size < expected ? 'shorter' : 'longer'} than when it was made: part of it is missing or was added`);
  }
  if (!passphrase) throw new AppError('passphrase_needed', 'This backup is encrypted: enter the passphrase it was made with', 'passphrase');

  let at = MAGIC.length + 1;
  const logN = version === 1 ? LEGACY_SCRYPT_LOG_N : header[at++];
  if (logN < 10 || logN > MAX_SCRYPT_LOG_N) throw damagedBackup('its header is not one Fieldbook writes');
  const salt = header.subarray(at, (at += SALT_LEN));
  const iv = header.subarray(at, (at += IV_LEN));
  const keys = await deriveKey(passphrase, salt, logN, version === 1 ? 32 : 64);
  if (version === 2) {
    at += 8;
    if (!crypto.timingSafeEqual(passphraseCheck(keys.subarray(32)), header.subarray(at, at + CHECK_LEN))) {
      throw new AppError('wrong_passphrase', 'That passphrase does not open this backup', 'passphrase');
    }
  }
  const aadLen = version === 1 ? MAGIC.length + 1 + SALT_LEN + IV_LEN : V2_AAD_LEN;
  const headerLen = version === 1 ? V1_HEADER_LEN : V2_HEADER_LEN;
  const decipher = crypto.createDecipheriv('aes-256-gcm', keys.subarray(0, 32), iv);
  decipher.setAAD(header.subarray(0, aadLen));
  decipher.setAuthTag(header.subarray(aadLen, aadLen + TAG_LEN));
  const out = await fsp.open(target, 'wx', PRIVATE_FILE);
  try {
    const length = await streamInto(source, headerLen, out, 0, (c) => decipher.update(c));
    try {
      decipher.final();
    } catch {
      // Version 1 has no passphrase check: GCM alone cannot say which of the two it is.
      if (version === 1) throw new AppError('wrong_passphrase', 'That passphrase does not open this backup, or the backup is damaged', 'passphrase');
      throw damagedBackup('its contents were changed after it was made');
    }
    await out.truncate(length);
    await out.sync();
  } finally {
    await out.close();
  }
}
