import { useEffect, useId, useState } from 'react';
import type { Envelope } from '../../shared/api';
import type { TagRef } from '../../shared/visits/model';
import { useActiveFrameworks } from '../stores/frameworks';

type Tag = Pick<TagRef, 'frameworkId' | 'elementId'>;
const same = (a: Tag, b: Tag) => a.frameworkId === b.frameworkId && a.elementId === b.elementId;

export function TagList({ tags }: { tags: TagRef[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((t) => <li key={`${t.frameworkId}/${t.elementId}`} className="tag">{t.title}</li>)}
    </ul>
  );
}

/**
 * Tag against the active leadership frameworks: a disclosure with one checkbox per element,
 * grouped by framework. Each change saves at once.
 */
export function TagPicker({ label, selected, onChange }: { label: string; selected: TagRef[]; onChange: (tags: Tag[]) => Promise<Envelope<unknown>> }) {
  const active = useActiveFrameworks();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Show a click at once; the saved tags replace it when they come back from the core.
  const [pending, setPending] = useState<Tag[] | null>(null);
  useEffect(() => setPending(null), [selected]);
  const shown = pending ?? selected;
  const panel = useId();
  const toggle = async (tag: Tag, on: boolean) => {
    const next = on ? [...shown, tag] : shown.filter((t) => !same(t, tag));
    setPending(next);
    const r = await onChange(next.map(({ frameworkId, elementId }) => ({ frameworkId, elementId })));
    if (!r.ok) setPending(null);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <div className="tag-picker">
      <TagList tags={selected} />
      <button type="button" aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
        {label} ({shown.length})
      </button>
      {error && <p className="form-error" role="alert">{error}</p>}
      {open && (
        <div id={panel}>
          {active.length === 0 && <p className="empty">No framework is switched on. Choose frameworks in Settings.</p>}
          {active.map((f) => (
            <fieldset key={f.id}>
              <legend>{f.name}</legend>
              {f.elements.map((e) => {
                const tag = { frameworkId: f.id, elementId: e.id };
                return (
                  <label key={e.id} className="check" title={e.description}>
                    <input type="checkbox" checked={shown.some((t) => same(t, tag))} onChange={(ev) => void toggle(tag, ev.target.checked)} />
                    {e.title}
                  </label>
                );
              })}
            </fieldset>
          ))}
        </div>
      )}
    </div>
  );
}
