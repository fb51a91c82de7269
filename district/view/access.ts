import { AppError } from '../../shared/result';
import { FEWER_THAN_5, type LeaderCount, MIN_BASE, type Role, type Share, SMALL_GROUP } from '../contract/model';
import type { Viewer } from './accounts';

/**
 * Who may see what (docs/district.md, "Roles"). A chief sees everything the district holds; a
 * supervisor the district's copy of their own exports; an analyst aggregates only: no leader's
 * name anywhere, and any group of fewer than five leaders as "fewer than 5".
 */

export class Forbidden extends AppError {
  constructor(message: string, field?: string) {
    super('forbidden', message, field);
  }
}

export const NAMES_REFUSED = 'Analysts see counts, rates and distributions only: this names leaders, so it is for the chief of schools and the supervisor whose exports it comes from.';
export const OTHER_SUPERVISOR = 'You can see the district’s copy of your own exports only.';

/** The supervisors whose exports a viewer may see: null for all. */
export function ownSupervisor(viewer: Viewer): number | null {
  if (viewer.role !== 'supervisor') return null;
  // An account whose exports have not arrived sees nothing rather than everything.
  return viewer.supervisor?.id ?? -1;
}

/** The supervisor filter a viewer may use, or a refusal when it names someone else's exports. */
export function scopedSupervisor(viewer: Viewer, asked: number | undefined): number | null {
  const own = ownSupervisor(viewer);
  if (own === null) return asked ?? null;
  if (asked !== undefined && asked !== own) throw new Forbidden(OTHER_SUPERVISOR, 'supervisorId');
  return own;
}

export const seesNames = (role: Role): boolean => role !== 'analyst';

export function requireNames(viewer: Viewer): void {
  if (!seesNames(viewer.role)) throw new Forbidden(NAMES_REFUSED);
}

/** A count of leaders as this viewer may see it. */
export const tally = (n: number, named: boolean): LeaderCount => (named || n === 0 || n >= SMALL_GROUP ? n : FEWER_THAN_5);

/**
 * A distribution of leaders for an analyst: each small cell hidden, and when exactly one is hidden
 * the next smallest too, so a total and the others cannot give it away by subtraction.
 */
export function tallyAll<K extends string>(counts: Record<K, number>, named: boolean): Record<K, LeaderCount> {
  const out = { ...counts } as Record<K, LeaderCount>;
  if (named) return out;
  const keys = Object.keys(counts) as K[];
  const hidden = keys.filter((k) => counts[k] > 0 && counts[k] < SMALL_GROUP);
  for (const k of hidden) out[k] = FEWER_THAN_5;
  if (hidden.length === 1) {
    const next = keys.filter((k) => !hidden.includes(k) && counts[k] > 0).sort((a, b) => counts[a] - counts[b])[0];
    if (next) out[next] = FEWER_THAN_5;
  }
  return out;
}

/** A share of a base, or "too few" when the base is smaller than MIN_BASE. */
export const share = (part: number, of: number, min = MIN_BASE): Share => (of < min ? { tooFew: of } : { value: part / of, of });
