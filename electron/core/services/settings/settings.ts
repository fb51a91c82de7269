import type { z } from 'zod';
import type { Settings, SettingsView } from '../../../../shared/caseload/model';
import { computerDisplayFormat, displayFormat, type DisplayFormat, type Formatter, knownLocale } from '../../../../shared/format';
import type { settingsInput } from '../../../../shared/caseload/contract';
import { type CoreContext, timestamp } from '../../context';
import type { Db } from '../../db/connection';

const SELECT = `SELECT supervisor_name AS supervisorName, district, target_ratio AS targetRatio,
  school_year_start_month AS schoolYearStartMonth FROM settings WHERE id = 1`;

export function getSettings(db: Db): Settings | null {
  return (db.prepare(SELECT).get() as Settings | undefined) ?? null;
}

export function saveSettings(ctx: CoreContext, input: z.output<typeof settingsInput>): SettingsView {
  ctx.db
    .prepare(
      `INSERT INTO settings (id, supervisor_name, district, target_ratio, school_year_start_month, updated_at)
       VALUES (1, @supervisorName, @district, @targetRatio, @schoolYearStartMonth, @at)
       ON CONFLICT (id) DO UPDATE SET supervisor_name = excluded.supervisor_name, district = excluded.district,
         target_ratio = excluded.target_ratio, school_year_start_month = excluded.school_year_start_month,
         updated_at = excluded.updated_at`,
    )
    .run({ ...input, at: timestamp(ctx) });
  return settingsView(ctx)!;
}

/** How dates and times are written for the supervisor: their locale (this computer's unless the shell or FIELDBOOK_LOCALE says) and zone. */
export function displayFormatOf(ctx: Pick<CoreContext, 'locale'>): DisplayFormat {
  return formatterOf(ctx).format;
}

// Asking the runtime for its locale costs far more than formatting a date: once per locale given.
const formatters = new Map<string, Formatter>();
/** The formatting functions for what the core writes for a person (PDFs, export titles, messages). */
export function formatterOf(ctx: Pick<CoreContext, 'locale'>): Formatter {
  const key = ctx.locale ?? '';
  let f = formatters.get(key);
  if (!f) {
    const computer = computerDisplayFormat();
    f = displayFormat({ locale: (ctx.locale && knownLocale(ctx.locale)) || computer.locale, timeZone: computer.timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** The settings with the display format, as the screens get them. */
export function settingsView(ctx: CoreContext): SettingsView | null {
  const settings = getSettings(ctx.db);
  return settings && { ...settings, display: displayFormatOf(ctx) };
}

/** This data file's installation id: made once by its migration, the same for its whole life. */
export function getInstallationId(db: Db): string {
  return (db.prepare('SELECT installation_id FROM installation WHERE id = 1').pluck().get() as string);
}
