import crypto from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Staff passwords: scrypt (N=2^15, r=8, p=1: about 32 MB and a few tens of milliseconds each),
 * a random salt per password, stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later
 * without breaking the hashes already stored.
 */
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const maxmem = (N: number, r: number) => 128 * N * r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...COST, maxmem: maxmem(COST.N, COST.r) });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: maxmem(Number(n), Number(r)) });
  return crypto.timingSafeEqual(key, expected);
}

/** Compared against when the email has no account, so an unknown email takes as long as a wrong password. */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(crypto.randomBytes(16).toString('hex')));

/**
 * A one-time password a person can read out and type: 4 groups of 4 letters and digits without
 * look-alikes (no 0/O, 1/l/I), about 80 bits.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** A secret for a cookie or a header, and how it is stored (only its hash is kept). */
export const newSecret = (): string => crypto.randomBytes(32).toString('base64url');
export const sha256Hex = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
