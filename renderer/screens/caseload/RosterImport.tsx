import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../api';
import { byId, focusWhenShown } from '../../components/outcomeFocus';
import { dropDraft, keepDraft, loadDraft } from '../../components/drafts';
import { rowSpacer, Windowed } from '../../components/Windowed';
import { downloadText, formatDate, plural } from '../../format';
import { navigate } from '../../router';
import type { RosterPreview } from '../../../shared/caseload/model';
import { decodeSpreadsheetText, ENCODING_NAMES, toCsv } from '../../../shared/csv';

/** The pasted roster is kept as a draft until it is imported. */
const ROSTER_DRAFT = 'roster';

const TEMPLATE = toCsv([
  ['name', 'email', 'role', 'role_start_date', 'school_name', 'school_code', 'school_level', 'need_tier', 'support_tier', 'cadence_days'],
  ['Ana Example', 'ana@district.example', 'principal', '2023-07-01', 'Example Elementary', 'EX-101', 'elementary', 'high', 'targeted', ''],
]);

/** The date as read, beside what was typed when that was written another way: "Jan 8, 2024 (typed 01/08/2024)". */
function startedInRole({ typed, read }: RosterPreview['rows'][number]['roleStartDate']): string {
  if (!read) return typed || '—';
  return read === typed ? formatDate(read) : `${formatDate(read)} (typed ${typed})`;
}

const STATUS_LABEL = { new: 'Will be added', duplicate: 'Already in Fieldbook: skipped', error: 'Needs fixing' } as const;

/** Roster CSV import: choose or paste, preview every row's problems, then import all or nothing. */
/** Ten thousand rows are a long scroll: the ones to fix come first, each in file order. */
const problemsFirst = (rows: RosterPreview['rows']) => [...rows.filter((r) => r.status === 'error'), ...rows.filter((r) => r.status !== 'error')];

export function RosterImport() {
  const [csv, setCsv] = useState('');
  const edited = useRef(false);
  useEffect(() => {
    void loadDraft<string>(ROSTER_DRAFT).then((kept) => typeof kept === 'string' && !edited.current && setCsv(kept));
  }, []);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** Said when the chosen file was not UTF-8, until another file is chosen. */
  const [encodingNotice, setEncodingNotice] = useState<string | null>(null);

  const edit = (text: string) => {
    edited.current = true;
    setCsv(text);
    setPreview(null);
    setDone(null);
    keepDraft(ROSTER_DRAFT, text);
  };
  const runPreview = async () => {
    const r = await call('previewRoster', { csv });
    setError(r.ok ? null : r.error.message);
    setPreview(r.ok ? r.value : null);
    focusWhenShown(byId(r.ok ? 'roster-preview-summary' : 'roster-error'));
  };
  const rows = useMemo(() => (preview ? problemsFirst(preview.rows) : []), [preview]);
  const canImport = preview && preview.fileErrors.length === 0 && preview.counts.error === 0 && preview.counts.new > 0;

  return (
    <>
      <header className="page-header">
        <h1>Import a roster</h1>
        <div className="actions">
          <button type="button" onClick={() => downloadText('fieldbook-roster-template.csv', TEMPLATE)}>Download a blank template</button>
        </div>
      </header>
      <p>
        One row per leader. Required columns: name, role, role_start_date and school_name; optional: email, school_code, school_level,
        need_tier (both needed for a school new to Fieldbook), support_tier and cadence_days. Leaders whose email is already in Fieldbook are skipped.
        Nothing is written until every row is right.
      </p>
      <div className="field">
        <label htmlFor="roster-file">Roster CSV file</label>
        <input
          id="roster-file"
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            const { text, encoding } = decodeSpreadsheetText(new Uint8Array(await file.arrayBuffer()));
            setEncodingNotice(encoding === 'windows-1252' ? `This file is not UTF-8; read as ${ENCODING_NAMES[encoding]}. Check the names below.` : null);
            edit(text);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="roster-text">Roster contents (you can paste or correct rows here)</label>
        <textarea id="roster-text" rows={8} spellCheck={false} value={csv} onChange={(e) => edit(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={!csv.trim()} onClick={runPreview}>Preview import</button>
        <button
          type="button"
          disabled={!canImport}
          onClick={async () => {
            const r = await call('importRoster', { csv });
            if (!r.ok) {
              setError(r.error.message);
              return focusWhenShown(byId('roster-error'));
            }
            focusWhenShown(byId('roster-imported'));
            dropDraft(ROSTER_DRAFT);
            setCsv('');
            setPreview(null);
            setDone(`Imported ${plural(r.value.leadersAdded, 'leader')} and ${plural(r.value.schoolsAdded, 'new school')}` +
              (r.value.skippedDuplicates ? `; skipped ${plural(r.value.skippedDuplicates, 'leader')} already in Fieldbook.` : '.'));
          }}
        >
          {preview && canImport ? `Import ${plural(preview.counts.new, 'leader')}` : 'Import'}
        </button>
      </div>
      {error && <p id="roster-error" className="form-error" role="alert">{error}</p>}
      {done && (
        <p id="roster-imported" role="status" className="success">
          {done} <button type="button" className="link" onClick={() => navigate('/caseload')}>See your caseload</button>
        </p>
      )}
      {preview && (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          {preview.fileErrors.map((m) => <p key={m} className="form-error" role="alert">{m}</p>)}
          {[encodingNotice, ...preview.notices].filter(Boolean).map((m) => <p key={m} className="notice">{m}</p>)}
          <p id="roster-preview-summary" role="status">
            {plural(preview.counts.new, 'leader')} to add, {plural(preview.counts.newSchools, 'new school')},{' '}
            {preview.counts.duplicate} already in Fieldbook, {plural(preview.counts.error, 'row')} with problems.
          </p>
          {preview.rows.length > 0 && (
            <table aria-rowcount={preview.rows.length + 1}>
              <caption className="visually-hidden">Rows in the file ({preview.rows.length}), rows with problems first</caption>
              <thead><tr><th scope="col">Line</th><th scope="col">Leader</th><th scope="col">School</th><th scope="col">Started in role</th><th scope="col">Result</th></tr></thead>
              <tbody>
                <Windowed items={rows} estimate={44} spacer={rowSpacer(5)} render={(r, i) => (
                  <tr key={r.line} className={`row-${r.status}`} aria-rowindex={i + 2}>
                    <td>{r.line}</td>
                    <th scope="row">{r.name || '(no name)'}</th>
                    <td>{r.schoolName}{r.school === 'new' ? ' (new)' : ''}</td>
                    <td>{startedInRole(r.roleStartDate)}</td>
                    <td>
                      {STATUS_LABEL[r.status]}
                      {r.errors.length > 0 && (
                        <ul className="row-errors">
                          {r.errors.map((e) => <li key={e.field + e.message}>Line {r.line}, {e.field}: {e.message}</li>)}
                        </ul>
                      )}
                    </td>
                  </tr>
                )} />
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
