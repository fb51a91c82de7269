import { useState } from 'react';
import { call } from '../../api';
import { FormError, SelectField, TextField, optionsOf } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, submitFocus } from '../../components/outcomeFocus';
import { rowSpacer, Windowed } from '../../components/Windowed';
import { useCaseload } from '../../stores';
import type { School } from '../../../shared/caseload/model';
import { NEED_TIERS, NEED_TIER_LABELS, SCHOOL_LEVELS, SCHOOL_LEVEL_LABELS, type NeedTier, type SchoolLevel } from '../../../shared/vocabulary';
import { UserText } from '../../components/UserText';

const blank = { name: '', level: '' as SchoolLevel | '', needTier: '' as NeedTier | '', districtCode: '' };

function SchoolForm({ school, onDone, onSaved }: { school?: School; onDone: () => void; onSaved: (s: School) => void }) {
  const form = useForm(school ? { ...school, districtCode: school.districtCode ?? '' } : blank, school ? `school-${school.id}` : 'add-school');
  const { values, set, errors } = form;
  return (
    <form
      noValidate
      className="form"
      aria-label={school ? `Edit ${school.name}` : 'Add a school'}
      onSubmit={submitFocus(async () => {
        const input = { name: values.name, level: values.level as SchoolLevel, needTier: values.needTier as NeedTier, districtCode: values.districtCode };
        const saved = await form.submit(() => (school ? call('updateSchool', { ...input, id: school.id }) : call('addSchool', input)));
        if (!saved) return null;
        form.reset(blank);
        onSaved(saved);
        onDone();
        return byId('school-saved');
      })}
    >
      <TextField label="School name" value={values.name} onChange={(v) => set('name', v)} error={errors.name} />
      <SelectField label="Level" value={values.level} onChange={(v) => set('level', v)} options={optionsOf(SCHOOL_LEVELS, SCHOOL_LEVEL_LABELS)} error={errors.level} />
      <SelectField
        label="Need tier"
        value={values.needTier}
        onChange={(v) => set('needTier', v)}
        options={optionsOf(NEED_TIERS, NEED_TIER_LABELS)}
        error={errors.needTier}
        hint="High-need schools get more of your time."
      />
      <TextField label="District school code" value={values.districtCode} onChange={(v) => set('districtCode', v)} error={errors.districtCode} hint="Optional. Used to match schools when you import a roster." />
      <FormError message={form.formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>{school ? 'Save school' : 'Add school'}</button>
        {school && <button type="button" onClick={onDone}>Cancel</button>}
      </div>
    </form>
  );
}

export function Schools() {
  const data = useCaseload((s) => s.data);
  const [editing, setEditing] = useState<School | null>(null);
  const [added, setAdded] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  if (!data) return <p>Loading schools…</p>;
  return (
    <>
      <header className="page-header"><h1>Schools</h1></header>
      {data.schools.length === 0 ? (
        <p className="empty">No schools yet. Add the schools your leaders lead.</p>
      ) : (
        <table aria-rowcount={data.schools.length + 1}>
          <caption className="visually-hidden">Schools ({data.schools.length})</caption>
          <thead><tr><th scope="col">School</th><th scope="col">Level</th><th scope="col">Need tier</th><th scope="col">Code</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            <Windowed items={data.schools} estimate={44} spacer={rowSpacer(5)} render={(s, i) => (
              <tr key={s.id} aria-rowindex={i + 2}>
                <th scope="row"><a href={`#/schools/${s.id}`}><UserText text={s.name} /></a></th>
                <td>{SCHOOL_LEVEL_LABELS[s.level]}</td>
                <td>{NEED_TIER_LABELS[s.needTier]}</td>
                <td>{s.districtCode ?? '—'}</td>
                <td><button type="button" onClick={() => setEditing(s)}>Edit {s.name}</button></td>
              </tr>
            )} />
          </tbody>
        </table>
      )}
      <section aria-labelledby="school-form-heading">
        <h2 id="school-form-heading">{editing ? `Edit ${editing.name}` : 'Add a school'}</h2>
        {saved && <p id="school-saved" role="status" className="success">{saved}</p>}
        <SchoolForm key={editing?.id ?? `new-${added}`} school={editing ?? undefined} onDone={() => (editing ? setEditing(null) : setAdded((n) => n + 1))}
          onSaved={(s) => setSaved(`${editing ? 'Saved' : 'Added'} ${s.name}.`)} />
      </section>
    </>
  );
}
