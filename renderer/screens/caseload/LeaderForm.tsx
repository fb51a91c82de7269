import { call } from '../../api';
import { FormError, SelectField, TextField, optionsOf } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { type Find, submitFocus } from '../../components/outcomeFocus';
import { navigate } from '../../router';
import { useCaseload } from '../../stores';
import type { Leader } from '../../../shared/caseload/model';
import { isNewInRole } from '../../../shared/schoolYear';
import {
  LEADER_ROLES, LEADER_ROLE_LABELS, LEADER_STATUSES, LEADER_STATUS_LABELS, SUPPORT_TIERS, SUPPORT_TIER_LABELS,
  defaultCadenceDays, defaultSupportTier, type LeaderRole, type LeaderStatus, type SupportTier,
} from '../../../shared/vocabulary';

const blank = {
  name: '', role: '' as LeaderRole | '', schoolId: '' as number | '', roleStartDate: '', email: '', status: 'active' as LeaderStatus,
  // Until a tier is chosen, it follows the school's need, as the roster import has it.
  supportTier: 'standard' as SupportTier, tierChosen: false, cadenceDays: '',
};

/** Add a leader (and put them on the caseload), or edit one's details. */
export function LeaderForm({ leader, onSaved }: { leader?: Leader; onSaved?: () => Find }) {
  const caseload = useCaseload((s) => s.data);
  const form = useForm(
    leader ? { ...blank, ...leader, schoolId: leader.schoolId ?? ('' as const), email: leader.email ?? '' } : blank,
    leader ? `leader-${leader.id}` : 'add-leader',
  );
  const { values, set, errors } = form;
  const schools = (caseload?.schools ?? []).map((s) => ({ value: s.id, label: s.name }));
  const newInRole = values.roleStartDate && caseload ? isNewInRole(values.roleStartDate, caseload.today) : false;

  return (
    <form
      noValidate
      className="form"
      aria-label={leader ? `Edit ${leader.name}` : 'Add a leader'}
      onSubmit={submitFocus(async () => {
        const details = {
          name: values.name, role: values.role as LeaderRole, schoolId: values.schoolId === '' ? null : values.schoolId,
          roleStartDate: values.roleStartDate, email: values.email, status: values.status,
        };
        const saved = leader
          ? await form.submit(() => call('updateLeader', { ...details, id: leader.id }))
          : await form.submit(
              () => call('addLeader', {
                ...details,
                assignment: { supportTier: values.supportTier, cadenceDays: values.cadenceDays === '' ? null : Number(values.cadenceDays) },
              }),
              { 'assignment.cadenceDays': 'cadenceDays', 'assignment.supportTier': 'supportTier' },
            );
        if (!saved) return null;
        if (leader) return onSaved?.() ?? null;
        form.reset(blank);
        navigate(`/leaders/${saved.id}`);
        return 'page';
      })}
    >
      <TextField label="Name" value={values.name} onChange={(v) => set('name', v)} error={errors.name} autoFocus={!leader} />
      <SelectField label="Role" value={values.role} onChange={(v) => set('role', v)} options={optionsOf(LEADER_ROLES, LEADER_ROLE_LABELS)} error={errors.role} />
      <SelectField
        label="School"
        value={values.schoolId}
        onChange={(v) => {
          set('schoolId', v);
          if (!leader && !values.tierChosen) set('supportTier', defaultSupportTier(caseload?.schools.find((s) => s.id === v)?.needTier));
        }}
        options={schools}
        error={errors.schoolId}
        hint={schools.length ? undefined : 'Add the school first, on the Schools screen.'}
      />
      <TextField label="Started in this role on" type="date" value={values.roleStartDate} onChange={(v) => set('roleStartDate', v)} error={errors.roleStartDate} />
      <TextField label="Email" type="email" value={values.email} onChange={(v) => set('email', v)} error={errors.email} />
      {leader ? (
        <SelectField label="Status" value={values.status} onChange={(v) => set('status', v)} options={optionsOf(LEADER_STATUSES, LEADER_STATUS_LABELS)} error={errors.status} />
      ) : (
        <fieldset>
          <legend>On your caseload</legend>
          <SupportFields values={values} errors={errors} newInRole={newInRole} set={(field, value) => {
            if (field === 'supportTier') set('tierChosen', true);
            set(field, value);
          }} />
        </fieldset>
      )}
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>{leader ? 'Save changes' : 'Add leader'}</button>
    </form>
  );
}

/** Support tier and visit cadence: blank cadence means the tier's default, shown in the hint. */
export function SupportFields<V extends { supportTier: SupportTier; cadenceDays: string }>({ values, set, errors, newInRole }: {
  values: V;
  set: (field: 'supportTier' | 'cadenceDays', value: string) => void;
  errors: Record<string, string>;
  newInRole: boolean;
}) {
  const suggested = defaultCadenceDays(values.supportTier, newInRole);
  return (
    <>
      <SelectField label="Support tier" value={values.supportTier} onChange={(v) => set('supportTier', v)} options={optionsOf(SUPPORT_TIERS, SUPPORT_TIER_LABELS)} error={errors.supportTier} />
      <TextField
        label="Visit every (days)"
        type="number"
        min={1}
        max={365}
        value={values.cadenceDays}
        onChange={(v) => set('cadenceDays', v)}
        error={errors.cadenceDays}
        hint={`Leave blank for the default for this tier${newInRole ? ' while new in role' : ''}: every ${suggested} days.`}
      />
    </>
  );
}

export function AddLeader() {
  return (
    <>
      <header className="page-header"><h1>Add a leader</h1></header>
      <LeaderForm />
    </>
  );
}
