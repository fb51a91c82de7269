import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontFamily } from './pdfText';

/** The fonts the PDFs embed (resources/fonts/README.md says where each comes from and its licence). */
export const FONT_FILES: Record<FontFamily, { normal: string; bold: string; italics: string; bolditalics: string }> = {
  NotoSans: { normal: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf', italics: 'NotoSans-Italic.ttf', bolditalics: 'NotoSans-BoldItalic.ttf' },
  // Arabic, Chinese, Japanese and Korean have no italics, and the last three one weight.
  NotoArabic: { normal: 'NotoSansArabic-Regular.ttf', bold: 'NotoSansArabic-Bold.ttf', italics: 'NotoSansArabic-Regular.ttf', bolditalics: 'NotoSansArabic-Bold.ttf' },
  CJK: { normal: 'DroidSansFallbackFull.ttf', bold: 'DroidSansFallbackFull.ttf', italics: 'DroidSansFallbackFull.ttf', bolditalics: 'DroidSansFallbackFull.ttf' },
  Hangul: { normal: 'NotoSansKR-Hangul-Regular.otf', bold: 'NotoSansKR-Hangul-Regular.otf', italics: 'NotoSansKR-Hangul-Regular.otf', bolditalics: 'NotoSansKR-Hangul-Regular.otf' },
};

const has = (dir: string) => fs.existsSync(path.join(dir, FONT_FILES.NotoSans.normal));

/**
 * Where the fonts are: beside the desktop app's archive once packaged (extraResources), else the
 * project's resources/fonts, found from this file in the sources or in the built bundle.
 */
export function fontFolder(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && has(path.join(packaged, 'fonts'))) return path.join(packaged, 'fonts');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++, dir = path.dirname(dir)) {
    if (has(path.join(dir, 'resources', 'fonts'))) return path.join(dir, 'resources', 'fonts');
  }
  throw new Error('The PDF fonts are missing: resources/fonts should hold them');
}

/** pdfmake's font table with full paths. */
export function fontTable(folder = fontFolder()): typeof FONT_FILES {
  return Object.fromEntries(Object.entries(FONT_FILES).map(([family, faces]) => [
    family, Object.fromEntries(Object.entries(faces).map(([style, file]) => [style, path.join(folder, file)])),
  ])) as typeof FONT_FILES;
}
