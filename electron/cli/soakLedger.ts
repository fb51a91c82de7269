/**
 * What `npm run soak` was told is saved, and how a restore changes that: the ledger of acknowledged
 * writes, the autosaves on their way, and the window a restore opens on them.
 */

/** The autosaved texts grow by slices of this text, so any stored one must be one of its prefixes. */
export const NOTE_TEXT = 'Observed the grade 7 data meeting; the principal asked each team for one student to follow. '.repeat(40).slice(0, 3000);

export const CHECK_IN_FIELDS = ['reflection', 'working', 'barriers', 'adjustments'] as const;
export type CheckInField = (typeof CHECK_IN_FIELDS)[number];

/** What the harness was told is saved. Replaced by a backup's copy when that backup is restored. */
export interface Ledger {
  /** Per autosaved note: the longest body acknowledged, and the longest sent (which may or may not have landed). */
  notes: Map<number, { acked: number; sent: number }>;
  currentNote: number;
  visits: Set<number>;
  nextSteps: Set<number>;
  conversations: Set<number>;
  leaders: Set<number>;
  /** Exports queued (outbox ids). */
  exports: Set<string>;
  /** The CTA check-in being facilitated: per goal and text field, the acknowledged and sent lengths. */
  checkIn: { id: number; slots: { goalId: number; field: CheckInField; acked: number; sent: number }[] };
}

/** A call's answer that came back after a restore took effect: the write may have landed on either side of it, so it is not counted. */
export class Ambiguous extends Error {}

/** The harness's state: the ledger, and a count of restores, so that an answer can tell whether one happened while it was on its way. */
export interface Run {
  ledger: Ledger;
  epoch: number;
  acknowledged: number;
  /** Autosaves on their way (per note `n5`, per check-in field `s3`): the lengths sent and not yet answered. */
  inFlight: Map<string, number[]>;
  /**
   * While a restore is under way: per text, the shortest length sent that may land after the backup is
   * in place (an autosave carries the whole text, so a late one sets it back). Null when none is.
   */
  restoreWindow: Map<string, number> | null;
}

/** An autosave of text `key` at `length` is sent: noted until its answer, and against a restore under way. */
export function sending(run: Run, key: string, length: number): () => void {
  const list = run.inFlight.get(key) ?? [];
  list.push(length);
  run.inFlight.set(key, list);
  if (run.restoreWindow) run.restoreWindow.set(key, Math.min(run.restoreWindow.get(key) ?? Infinity, length));
  return () => list.splice(list.indexOf(length), 1);
}

/** A restore is asked for: what is already on its way may land on either side of it. */
export function restoreStarts(run: Run): void {
  run.restoreWindow = new Map([...run.inFlight].filter(([, l]) => l.length).map(([k, l]) => [k, Math.min(...l)]));
}

/** A deep copy of the ledger, as a backup is taken: what the backup is sure to hold. */
export const copy = (l: Ledger): Ledger => structuredClone(l);

/**
 * A restore of a backup took effect: the ledger is what the backup was sure to hold, except where an
 * autosave sent while the restore was under way may have landed after it (and set a text back); and
 * autosaves may since have been sent longer.
 */
export function restored(run: Run, from: Ledger): void {
  const now = run.ledger;
  const next = copy(from);
  const late = (key: string, acked: number) => Math.min(acked, run.restoreWindow?.get(key) ?? Infinity);
  for (const [id, note] of next.notes) {
    note.sent = Math.max(note.sent, now.notes.get(id)?.sent ?? 0);
    note.acked = late(`n${id}`, note.acked);
  }
  next.checkIn.slots.forEach((slot, i) => {
    slot.sent = Math.max(slot.sent, now.checkIn.slots[i].sent);
    slot.acked = late(`s${i}`, slot.acked);
  });
  run.ledger = next;
  run.restoreWindow = null;
  run.epoch++;
}
