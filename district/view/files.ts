import type { Result } from '../../shared/result';
import { FILE_PREFIX } from '../contract/contract';
import type { Viewer } from './accounts';
import { NAMES_REFUSED, OTHER_SUPERVISOR, ownSupervisor, seesNames } from './access';
import type { ViewContext } from './dispatch';
import type { Download } from './csv';

/**
 * An original file a supervisor's package carried (a check-in's or an evaluation's PDF), exactly
 * as it arrived. They name leaders, so an analyst is refused; a supervisor gets their own only.
 */
export async function originalFile(ctx: ViewContext, viewer: Viewer, url: URL): Promise<Result<Download>> {
  const m = /^(\d+)\/([^/]+)$/.exec(url.pathname.slice(FILE_PREFIX.length));
  if (!m) return { ok: false, error: { code: 'not_found', message: 'There is no such file' } };
  if (!seesNames(viewer.role)) return { ok: false, error: { code: 'forbidden', message: NAMES_REFUSED } };
  let name: string;
  try {
    name = decodeURIComponent(m[2]);
  } catch {
    return { ok: false, error: { code: 'not_found', message: 'There is no such file' } };
  }
  const file = (await ctx.db.query<{ supervisorId: number; mediaType: string; content: Buffer }>(
    `SELECT s.supervisor_id AS "supervisorId", f.media_type AS "mediaType", b.content
     FROM package_files f JOIN packages p ON p.id = f.package_id JOIN sources s ON s.id = p.source_id JOIN blobs b ON b.sha256 = f.sha256
     WHERE f.package_id = $1 AND f.name = $2 AND f.role = 'attachment' AND p.kind IN ('cta_checkin', 'evaluation')`, [Number(m[1]), name])).rows[0];
  if (!file) return { ok: false, error: { code: 'not_found', message: 'The district holds no such file' } };
  const own = ownSupervisor(viewer);
  if (own !== null && file.supervisorId !== own) return { ok: false, error: { code: 'forbidden', message: OTHER_SUPERVISOR } };
  return { ok: true, value: { body: file.content, type: file.mediaType, filename: name, inline: file.mediaType === 'application/pdf' } };
}
