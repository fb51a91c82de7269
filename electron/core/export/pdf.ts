import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// The PDF's own fonts (Helvetica and friends) ship inside pdfkit: nothing to download or embed.
// A document never reaches out: no URL and no local file may be pulled into it.
const HELVETICA = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
const STANDARD_FONTS = new Set(Object.values(HELVETICA));

/** Loaded on the first PDF, not at start: pdfmake and pdfkit take a fifth of a second to load. */
let loaded: Promise<typeof import('pdfmake')> | null = null;
function pdfmakeReady() {
  loaded ??= import('pdfmake').then(({ default: pdfmake }) => {
    pdfmake.setFonts({ Helvetica: HELVETICA });
    pdfmake.setUrlAccessPolicy(() => false);
    // pdfkit asks about the built-in font names too: those are the only "files" allowed.
    pdfmake.setLocalAccessPolicy((name) => STANDARD_FONTS.has(name));
    return pdfmake;
  });
  return loaded;
}

/**
 * Render a pdfmake document to bytes, in plain Node, so both modes produce the same file.
 * The text stays extractable (pdftotext reads it) because the standard fonts are used as text.
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pdfmake = await pdfmakeReady();
  const created = pdfmake.createPdf({
    pageSize: 'LETTER',
    pageMargins: [48, 48, 48, 56],
    ...doc,
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2, ...doc.defaultStyle },
  });
  return (await created.getBuffer()) as Buffer;
}

/** What crosses the contract for a PDF: JSON has no bytes, so it travels as base64. */
export interface PdfFileOut {
  filename: string;
  base64: string;
}
