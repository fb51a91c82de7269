import type { z } from 'zod';
import type { Settings, SettingsView } from '../../../../shared/caseload/model';
import { computerDisplayFormat, displayFormat, type DisplayFormat, type Formatter, knownLocale } from '../../../../shared/format';
import type { settingsInput } from '../../../../shared/caseload/contract';
import { type CoreContext, timestamp } from '../../context';
import type { Db } from '../../db/connection';
import { computerTimeZone, knownZone } from '../../export/timeZone';

const SELECT = `SELECT supervisor_name AS supervisorName, supervisor_email AS supervisorEmail, district, target_ratio AS targetRatio,
  school_year_start_month AS schoolYearStartMonth, time_zone AS timeZone, locale FROM settings WHERE id = 1`;

export function getSettings(db: Db): Settings | null {
  return (db.prepare(SELECT).get() as Settings | undefined) ?? null;
}

export function saveSettings(ctx: CoreContext, input: Omit<z.output<typeof settingsInput>, 'timeZone' | 'locale'> & { timeZone?: string | null; locale?: string }): SettingsView {
  ctx.db
    .prepare(
      `INSERT INTO settings (id, supervisor_name, supervisor_email, district, target_ratio, school_year_start_month, updated_at)
       VALUES (1, @supervisorName, @supervisorEmail, @district, @targetRatio, @schoolYearStartMonth, @at)
       ON CONFLICT (id) DO UPDATE SET supervisor_name = excluded.supervisor_name, supervisor_email = excluded.supervisor_email, district = excluded.district,
         target_ratio = excluded.target_ratio, school_year_start_month = excluded.school_year_start_month,
         updated_at = excluded.updated_at`,
    )
    .run({ supervisorName: input.supervisorName, supervisorEmail: input.supervisorEmail, district: input.district, targetRatio: input.targetRatio, schoolYearStartMonth: input.schoolYearStartMonth, at: timestamp(ctx) });
  // The zone and format chosen, else (at the first start, in a file from before, or "this computer's"
  // chosen for the zone) the ones in use now: from here on they are the data's, so a locked record's
  // PDF and a calendar file come out the same on any computer.
  const saved = getSettings(ctx.db);
  const zone = input.timeZone ?? (input.timeZone === undefined && saved?.timeZone ? null : computerTimeZone());
  if (zone) ctx.db.prepare('UPDATE settings SET time_zone = ? WHERE id = 1').run(zone);
  const locale = input.locale ?? (saved?.locale ? null : displayFormatOf(ctx).locale);
  if (locale) ctx.db.prepare('UPDATE settings SET locale = ? WHERE id = 1').run(knownLocale(locale) ?? locale);
  return settingsView(ctx)!;
}

// Asking the runtime for a locale or zone costs far more than formatting a date: once per pair.
const formatters = new Map<string, Formatter>();
/**
 * The formatting functions for what the core writes for a person (PDFs, export titles, messages):
 * the supervisor's locale (as saved in Settings; before that, this computer's unless the shell or
 * FIELDBOOK_LOCALE says) and zone (as saved in Settings; before that, or if this computer does not
 * know it, this computer's).
 */
export function formatterOf(ctx: Pick<CoreContext, 'locale' | 'db'>): Formatter {
  const settings = getSettings(ctx.db);
  const chosenZone = settings?.timeZone ?? null;
  const key = `${settings?.locale ?? ''}|${ctx.locale ?? ''}|${chosenZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = (settings?.locale && knownLocale(settings.locale)) || (ctx.locale && knownLocale(ctx.locale)) || computerDisplayFormat().locale;
    f = displayFormat({ locale, timeZone: (chosenZone && knownZone(chosenZone)) || computerTimeZone() });
    formatters.set(key, f);
  }
  return f;
}

const displayFormatOf = (ctx: Pick<CoreContext, 'locale' | 'db'>): DisplayFormat => formatterOf(ctx).format;

/** The settings with the display format, as the screens get them. */
export function settingsView(ctx: CoreContext): SettingsView | null {
  const settings = getSettings(ctx.db);
  return settings && { ...settings, display: displayFormatOf(ctx) };
}

/** The supervisor's zone: the one saved in Settings, else (before the first save, or if this computer does not know it) this computer's. */
export function supervisorTimeZone(db: Db): string {
  const chosen = getSettings(db)?.timeZone;
  return (chosen && knownZone(chosen)) || computerTimeZone();
}

/** Who a PDF is for, beyond its record: the district on every page, dates and times as the supervisor writes them (on their clock). */
export interface PdfSetting {
  district: string | null;
  format: Formatter;
}

/** What a PDF needs beyond its record, from this data file's settings. */
export const pdfSetting = (ctx: CoreContext): PdfSetting => ({ district: getSettings(ctx.db)?.district ?? null, format: formatterOf(ctx) });

/** This data file's installation id: made once by its migration, the same for its whole life. */
export function getInstallationId(db: Db): string {
  return (db.prepare('SELECT installation_id FROM installation WHERE id = 1').pluck().get() as string);
}
