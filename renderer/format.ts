import type { CaseloadRatio } from '../shared/caseload/model';
import { computerDisplayFormat, displayFormat, type DisplayFormat, type Formatter } from '../shared/format';

/**
 * Every date and time a person reads goes through shared/format.ts, in the supervisor's locale
 * and zone as the core reports them with the settings (the same ones its PDFs use). Until the
 * settings have loaded (the first-start screen shows no dates) this computer's are used.
 */
let current: Formatter = displayFormat(computerDisplayFormat());
export const setDisplayFormat = (f: DisplayFormat): void => {
  if (f.locale !== current.format.locale || f.timeZone !== current.format.timeZone) current = displayFormat(f);
};
/** The formatting functions in use: fmt().date(iso), fmt().time('17:16'), fmt().dateTime(instant)… */
export const fmt = (): Formatter => current;
/** "Dec 2, 2026" */
export const formatDate = (iso: string): string => current.date(iso);
/** "Wednesday, Dec 2, 2026" */
export const formatLongDate = (iso: string): string => current.weekdayDate(iso);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const yearsLabel = (years: number): string => (years === 0 ? 'Less than a year' : plural(years, 'year'));

/** "7 principals, target 5:1" */
export const ratioHeadline = (r: CaseloadRatio): string => `${plural(r.principals, 'principal')}, target ${r.target}:1`;

export function ratioDetail(r: CaseloadRatio): string {
  const others = [
    r.assistantPrincipals ? plural(r.assistantPrincipals, 'assistant principal') : null,
    r.aspiring ? plural(r.aspiring, 'aspiring leader') : null,
  ].filter(Boolean);
  return others.length ? `Also supporting ${others.join(' and ')}.` : '';
}

export const ratioWarning = (r: CaseloadRatio): string | null =>
  r.overTarget > 0
    ? `${plural(r.overTarget, 'principal')} above your target of ${r.target}. With more than ${r.target} principals there is less time to coach each one on site; the caseload view can help make the case for rebalancing.`
    : null;

/** Offer a file to the person: the browser's download in browser mode, Electron's save dialog in the app. */
export function downloadText(filename: string, text: string | Uint8Array<ArrayBuffer>, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A PDF the core made (it crosses the contract as base64), offered as a download. */
export function downloadPdf(file: { filename: string; base64: string }): void {
  downloadText(file.filename, Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)), 'application/pdf');
}
