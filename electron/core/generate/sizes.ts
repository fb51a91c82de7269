/**
 * The sizes of a generated district. A slot is one leadership post on a caseload; its holder can
 * change between school years (turnover). Notes come to about 46 per slot a year (two per done
 * visit, about 22 done visits, and a few quick notes), so the slots follow from the note count.
 */
export const SIZES = {
  small: { years: 2, slots: 18, label: 'one caseload, last school year and this one so far (about 1,200 notes)' },
  medium: { years: 10, slots: 218, label: 'a decade, about 100,000 notes' },
  large: { years: 10, slots: 2180, label: 'a decade, about 1,000,000 notes' },
  /** One supervisor's Fieldbook in a generated district (npm run generate -- --district N). */
  decade: { years: 10, slots: 24, label: 'one caseload of 16 to 24 leaders over a decade' },
} as const;

export type SizeName = keyof typeof SIZES;
export const SIZE_NAMES = Object.keys(SIZES) as SizeName[];
export const isSizeName = (s: string): s is SizeName => s in SIZES;
