import { z } from 'zod';

/** The building blocks of every domain's input schemas. Messages are written for the person who typed the value. */

export const id = z.number({ error: 'Choose one' }).int().positive('Choose one');
export const required = (what: string, max = 200) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `Keep ${what} under ${max} characters`);
/** Blank means "not given": stored as null. */
export const optionalText = (max = 200) =>
  z.string().trim().max(max, `Keep this under ${max} characters`).nullish().transform((v) => (v ? v : null));
export const isoDateSchema = (what: string) =>
  z.iso.date({ error: `Enter ${what} as a date, for example 2024-08-01` });
export const optionalEmail = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v.toLowerCase() : null))
  .refine((v) => v === null || z.email().safeParse(v).success, 'Enter a valid email address, like name@district.org');
export const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `Choose ${what}` });

export const leaderRef = z.object({ leaderId: id });
export const noInput = z.object({}).default({});

/** No disk allows a folder or file name (one part of a path) over 255 bytes: said at the field, before any disk is asked. */
export const pathPartsFit = (p: string | null | undefined): boolean =>
  !p || p.split(/[\\/]/).every((part) => new TextEncoder().encode(part).length <= 255);
export const nameTooLong = (what: string) => `A folder or file name in ${what} is longer than 255 characters, which no disk allows: use a shorter one`;
