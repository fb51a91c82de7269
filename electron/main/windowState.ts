import fs from 'node:fs';
import path from 'node:path';
import { replaceDurably } from '../core/durable';

/**
 * The main window's size and position, remembered across starts in userData. Kept free of
 * 'electron' so node tests can check it: index.ts passes in the displays' work areas.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_SIZE = { width: 800, height: 560 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;

/** Whatever is on disk, reduced to a state we trust (the file may be old, hand-edited or half-written). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isInt(r.width) || !isInt(r.height)) return null;
  const state: WindowState = { width: r.width, height: r.height, maximized: r.maximized === true };
  if (isInt(r.x) && isInt(r.y)) Object.assign(state, { x: r.x, y: r.y });
  return state;
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Fit a remembered state to the displays attached now: a monitor may have been unplugged or
 * its resolution lowered, and a window off every screen cannot be found again.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const placed = state.x !== undefined && state.y !== undefined;
  const bounds: Rect = { x: state.x ?? primary.x, y: state.y ?? primary.y, width: state.width, height: state.height };
  const best = placed ? workAreas.reduce((a, b) => (overlap(bounds, b) > overlap(bounds, a) ? b : a)) : primary;
  const onScreen = placed && overlap(bounds, best) > 0;
  const area = onScreen ? best : primary;
  const width = Math.min(Math.max(state.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(state.height, MIN_SIZE.height), area.height);
  if (!onScreen) return { width, height, maximized: state.maximized };
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { width, height, x, y, maximized: state.maximized };
}

export function loadWindowState(dir: string, workAreas: readonly Rect[]): WindowState {
  let saved: WindowState | null = null;
  try {
    saved = parseWindowState(JSON.parse(fs.readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8')));
  } catch {
    // No file yet, or unreadable: start with the default.
  }
  return fitToDisplays(saved ?? DEFAULT_WINDOW_STATE, workAreas);
}

/** Written beside it and renamed (private, like every file in the data folder), so a crash mid-write never leaves half a JSON file. */
export function saveWindowState(dir: string, state: WindowState): void {
  const file = path.join(dir, WINDOW_STATE_FILE);
  try {
    replaceDurably(file, Buffer.from(JSON.stringify(state)));
  } catch (err) {
    console.warn('[fieldbook] could not remember the window position:', err);
  }
}
