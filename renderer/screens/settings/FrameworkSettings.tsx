import { useId, useState } from 'react';
import { checkFrameworkJson } from '../../../shared/settings/frameworks';
import type { FrameworkInfo } from '../../../shared/settings/model';
import { call } from '../../api';
import { plural } from '../../format';
import { useFrameworks } from '../../stores/frameworks';

const EXAMPLE = `{
  "id": "lakeside-leadership",
  "name": "Lakeside leadership standards",
  "source": "Lakeside USD, Office of School Leadership",
  "version": "2026",
  "description": "What we look for in our principals.",
  "elements": [
    { "id": "instructional-vision", "title": "Instructional vision",
      "description": "Sets and keeps a clear picture of strong teaching." },
    { "id": "ilt-leadership", "title": "Leading the ILT",
      "description": "Runs an ILT that sets goals and tracks them." }
  ]
}`;

type ImportOutcome = { kind: 'problems'; problems: string[] } | { kind: 'error'; message: string } | { kind: 'done'; message: string } | null;

function FrameworkRow({ framework }: { framework: FrameworkInfo }) {
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const toggle = async (active: boolean) => {
    const r = await call('setFrameworkActive', { frameworkId: framework.id, active });
    setError(r.ok ? null : r.error.message);
  };
  return (
    <li className="framework">
      <label className="check">
        <input type="checkbox" checked={framework.active} aria-describedby={`${id}-about`} onChange={(e) => void toggle(e.target.checked)} />
        Use {framework.name} for tagging
      </label>
      <p className="muted framework-about" id={`${id}-about`}>
        {plural(framework.elements.length, 'element')} · {framework.builtin ? 'Comes with Fieldbook' : 'Imported by your district'} · Source: {framework.source}
        {framework.version ? ` (version ${framework.version})` : ''}
      </p>
      {framework.description && <p className="framework-description">{framework.description}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
    </li>
  );
}

/** Settings: which leadership frameworks are used for tagging, and importing a district's own. */
export function FrameworkSettings() {
  const frameworks = useFrameworks((s) => s.data);
  const loadError = useFrameworks((s) => s.error);
  const [outcome, setOutcome] = useState<ImportOutcome>(null);
  const [inputKey, setInputKey] = useState(0);

  const importFile = async (file: File) => {
    const json = await file.text();
    // The core checks again; checking here lists every problem without a round trip.
    const check = checkFrameworkJson(json);
    if (!check.ok) return setOutcome({ kind: 'problems', problems: check.problems });
    const r = await call('importFramework', { json });
    if (!r.ok) return setOutcome({ kind: 'error', message: r.error.message });
    setOutcome({ kind: 'done', message: `Imported ${r.value.name} (${plural(r.value.elements.length, 'element')}).` });
    setInputKey((k) => k + 1);
  };

  return (
    <section aria-labelledby="frameworks-heading" className="framework-settings">
      <h2 id="frameworks-heading">Leadership frameworks</h2>
      <p>
        Tag notes and visits against the frameworks your district uses. Fieldbook comes with PSEL 2015, the CCSSO principal supervisor
        standards, the Wallace pipeline domains, district leadership practices, CEL&apos;s Principal Support Framework and the Partnership
        Implementation Framework. Switching one off hides it from tagging; tags already made stay.
      </p>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      {frameworks && (
        <ul className="framework-list" aria-label="Frameworks">
          {frameworks.map((f) => <FrameworkRow key={f.id} framework={f} />)}
        </ul>
      )}

      <div className="field">
        <label htmlFor="framework-file">Import a district framework (JSON)</label>
        <input
          key={inputKey}
          id="framework-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="framework-format"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
          }}
        />
      </div>
      {outcome?.kind === 'problems' && (
        <div role="alert" className="framework-problems">
          <p className="form-error">Nothing was imported. Fix {outcome.problems.length === 1 ? 'this' : 'these'} in the file and choose it again:</p>
          <ul>{outcome.problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      )}
      {outcome?.kind === 'error' && <p className="form-error" role="alert">{outcome.message}</p>}
      {outcome?.kind === 'done' && <p className="success" role="status">{outcome.message}</p>}

      <details id="framework-format" className="framework-format">
        <summary>The framework file format</summary>
        <p>
          One JSON object with an <code>id</code> (lower-case words joined by hyphens), a <code>name</code>, a <code>source</code> (who
          publishes it), a <code>version</code>, an optional <code>description</code>, and <code>elements</code>: each with its own{' '}
          <code>id</code>, a <code>title</code> and a short <code>description</code>. Keep element ids the same in later versions: tags
          point at them. Importing a file with the same framework id again updates that framework.
        </p>
        <pre>{EXAMPLE}</pre>
      </details>
    </section>
  );
}
