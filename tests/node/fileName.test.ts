import { describe, expect, it } from 'vitest';
import { downloadName } from '../../shared/fileName';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('names of files a person saves', () => {
  it('keep the letters of the words, in one normal form, with the record’s id', () => {
    expect(downloadName(['cta-checkin', 'Ánimo Juárez High', '2026–27', 'q1'], 7, 'pdf')).toBe('cta-checkin-ánimo-juárez-high-2026-27-q1-id7.pdf');
    expect(downloadName(['evaluation', 'Siobhán O’Connor-Nguyen', '2026–27'], 12, 'pdf')).toBe('evaluation-siobhán-oconnor-nguyen-2026-27-id12.pdf');
    // Typed on a Mac (decomposed accents) or on Windows (composed): the same bytes.
    expect(downloadName(['evaluation', 'Jose\u0301 N\u0303un\u0303ez'], 3, 'pdf')).toBe(downloadName(['evaluation', 'José Ñuñez'], 3, 'pdf'));
    expect(downloadName(['evaluation', 'Jose\u0301'], 3, 'pdf')).toBe('evaluation-josé-id3.pdf');
    expect(downloadName(['evaluation', 'Ζωή Παπαδοπούλου', 'Дмитрий'], 4, 'pdf')).toBe('evaluation-ζωή-παπαδοπούλου-дмитрий-id4.pdf');
  });

  it('hold nothing a file system refuses, and stay short enough for any of them', () => {
    const name = downloadName(['evaluation', 'a/b\\c:d*e?f"g<h>i|j\u0000k. ', '..', 'CON'], 5, 'PDF');
    expect(name).toBe('evaluation-a-b-c-d-e-f-g-h-i-j-k-con-id5.pdf');
    expect(name).not.toMatch(/[/\\:*?"<>|\u0000-\u001f]/);
    const long = downloadName(['evaluation', 'Ñ'.repeat(400)], 99, 'pdf');
    expect(bytes(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('-id99.pdf')).toBe(true);
    expect(downloadName(['…', '!!!'], 8, 'pdf')).toBe('id8.pdf');
  });
});
