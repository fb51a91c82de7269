import fs from 'node:fs';
import { expect } from 'vitest';
import type { CoreContext } from '../../electron/core/context';

/** Damage for start-up and background checks to find: pages deep in a data file, overwritten in place. */
export interface DeepPages {
  pages: number[];
  pageSize: number;
}

/** Pages deep in the file (leaves of the notes' full-text index), far from the header and the schema. */
export function deepPages(ctx: CoreContext): DeepPages {
  const pages = ctx.db.prepare(`SELECT pageno FROM dbstat WHERE name = 'notes_fts_data' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 2`).pluck().all() as number[];
  expect(pages.length).toBeGreaterThan(0);
  return { pages, pageSize: ctx.db.pragma('page_size', { simple: true }) as number };
}

/** Overwrite pages in place: the file keeps its size. */
export function overwritePages(file: string, { pages, pageSize }: DeepPages): void {
  const fd = fs.openSync(file, 'r+');
  for (const p of pages) fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (p - 1) * pageSize);
  fs.closeSync(fd);
}
