import { format, parseISO } from 'date-fns';
import { FEWER_THAN_5, type LeaderCount, type Share } from '../contract/model';

/** How the view writes dates, counts and shares. */
export const day = (iso: string | null): string => (iso ? format(parseISO(iso.slice(0, 10)), 'MMM d, yyyy') : '—');
export const shortDay = (iso: string): string => format(parseISO(iso.slice(0, 10)), 'MMM d');
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
export const count = (n: LeaderCount): string => (n === FEWER_THAN_5 ? FEWER_THAN_5 : String(n));
export function shareText(s: Share | null): string {
  if (s === null) return 'the quarter is not over';
  return 'value' in s ? `${Math.round(s.value * 100)}%` : `too few to give a rate (${s.tooFew})`;
}
export const hours = (h: number | null): string => (h === null ? '—' : `${h.toFixed(1)} h`);
/** A sentence that may start with a count ("fewer than 5 of 15…"), capitalised. */
export const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
