import { call } from '../../api';
import { FormError, SelectField, TextField, numberFrom } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { type Find, submitFocus } from '../../components/outcomeFocus';
import type { SettingsView } from '../../../shared/caseload/model';
import { displayFormat } from '../../../shared/format';
import { DEFAULT_SCHOOL_YEAR_START_MONTH, DEFAULT_TARGET_RATIO, MONTH_NAMES } from '../../../shared/vocabulary';

const MONTHS = MONTH_NAMES.map((label, i) => ({ value: i + 1, label }));
/** The form's value for "this computer's zone" (the core saves which zone that is). */
const COMPUTER_ZONE = 'computer';
const ZONES = [
  { value: COMPUTER_ZONE, label: `This computer’s time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})` },
  ...Intl.supportedValuesOf('timeZone').map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') })),
];

/** Date and time formats a district's supervisors are likely to want, each shown by example. */
const FORMATS = ['en-US', 'en-CA', 'en-GB', 'en-AU', 'es-US', 'es-MX', 'es-ES', 'fr-CA', 'fr-FR', 'pt-BR', 'de-DE', 'vi-VN', 'zh-CN', 'ko-KR', 'tr-TR'];
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' });
const formatOption = (locale: string) => ({
  value: locale,
  label: `${languageNames.of(locale) ?? locale}: ${displayFormat({ locale, timeZone: 'UTC' }).dateTime('2026-12-02T17:16:00Z')}`,
});

/**
 * The supervisor's profile and school year: first start and Settings share it. After a save the
 * focus goes where onSaved says; on the first start (no onSaved) to the dashboard the app opens on.
 * The date format is chosen in Settings; at the first start it is this computer's.
 */
export function ProfileForm({ settings, submitLabel, onSaved }: { settings: SettingsView | null; submitLabel: string; onSaved?: () => Find }) {
  const form = useForm(
    {
      supervisorName: settings?.supervisorName ?? '',
      supervisorEmail: settings?.supervisorEmail ?? '',
      district: settings?.district ?? '',
      targetRatio: String(settings?.targetRatio ?? DEFAULT_TARGET_RATIO),
      schoolYearStartMonth: settings?.schoolYearStartMonth ?? DEFAULT_SCHOOL_YEAR_START_MONTH,
      timeZone: settings?.timeZone ?? COMPUTER_ZONE,
      locale: settings?.display.locale ?? '',
    },
    'profile',
  );
  const { values, set, errors } = form;
  return (
    <form
      noValidate
      className="form"
      aria-label="Your profile"
      onSubmit={submitFocus(async () => {
        const saved = await form.submit((v) => call('saveSettings', {
          ...v, targetRatio: numberFrom(v.targetRatio), timeZone: v.timeZone === COMPUTER_ZONE ? null : v.timeZone, locale: v.locale || undefined,
        }));
        if (!saved) return null;
        return onSaved ? onSaved() : 'page';
      })}
    >
      <TextField label="Your name" value={values.supervisorName} onChange={(v) => set('supervisorName', v)} error={errors.supervisorName} autoFocus={!settings} />
      <TextField
        label="Your work email"
        type="email"
        value={values.supervisorEmail}
        onChange={(v) => set('supervisorEmail', v)}
        error={errors.supervisorEmail}
        hint="Your exports carry it, so the district can tell them apart from other supervisors’ and keep them together when you change laptops."
      />
      <TextField label="District" value={values.district} onChange={(v) => set('district', v)} error={errors.district} />
      <TextField
        label="Target principals per supervisor"
        type="number"
        min={1}
        max={60}
        value={values.targetRatio}
        onChange={(v) => set('targetRatio', v)}
        error={errors.targetRatio}
        hint="The playbook recommends 5 principals per supervisor, so there is time to coach each one on site."
      />
      <SelectField label="School year starts in" value={values.schoolYearStartMonth} onChange={(v) => set('schoolYearStartMonth', v)} options={MONTHS} error={errors.schoolYearStartMonth} />
      <SelectField
        label="Time zone"
        value={values.timeZone}
        onChange={(v) => set('timeZone', v)}
        options={ZONES}
        error={errors.timeZone}
        hint="Visit times in calendar files and signature times on evaluations are in this zone. It is kept with your data, so they stay in it on any computer."
      />
      {settings && (
        <SelectField label="Dates and times" value={values.locale} onChange={(v) => set('locale', v)} error={errors.locale}
          options={(FORMATS.includes(values.locale) || !values.locale ? FORMATS : [values.locale, ...FORMATS]).map(formatOption)}
          hint="How every date and time is written: on screens, in PDFs and in the names of exports." />
      )}
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>{submitLabel}</button>
    </form>
  );
}
