import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope } from '../../shared/api';
import { dropDraft, keepDraft, loadDraft } from './drafts';

/**
 * Form state with a draft that survives a crash and a restart: every change is kept by the core
 * under draftKey until the form is saved (see drafts.ts). A draft found when the form opens is put
 * back, unless the person has already started typing. A failed save shows the core's message next
 * to its field.
 */
export function useForm<T extends Record<string, unknown>>(initial: T, draftKey?: string) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);

  useEffect(() => {
    if (!draftKey) return;
    let current = true;
    void loadDraft<Partial<T>>(draftKey).then((saved) => {
      if (current && saved && !dirty.current) setValues((v) => ({ ...v, ...saved }));
    });
    return () => {
      current = false;
    };
  }, [draftKey]);

  useEffect(() => {
    if (draftKey && dirty.current) keepDraft(draftKey, values);
  }, [draftKey, values]);

  const set = useCallback(<K extends keyof T>(field: K, value: T[K]) => {
    dirty.current = true;
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => {
      if (!(field as string in e)) return e;
      const { [field as string]: _gone, ...rest } = e;
      return rest;
    });
  }, []);

  const reset = useCallback((next: T) => {
    dirty.current = false;
    if (draftKey) dropDraft(draftKey);
    setValues(next);
    setErrors({});
    setFormError(null);
  }, [draftKey]);

  /** Run a save; on success the draft is dropped. Returns the value, or null after showing the error. */
  async function submit<R>(save: (v: T) => Promise<Envelope<R>>, fieldMap: Record<string, string> = {}): Promise<R | null> {
    setBusy(true);
    setFormError(null);
    try {
      const r = await save(values);
      if (r.ok) {
        dirty.current = false;
        if (draftKey) dropDraft(draftKey);
        setErrors({});
        return r.value;
      }
      const field = r.error.field ? (fieldMap[r.error.field] ?? r.error.field) : undefined;
      if (field && field in values) setErrors({ [field]: r.error.message });
      else setFormError(r.error.message);
      return null;
    } finally {
      setBusy(false);
    }
  }

  return { values, set, errors, formError, busy, submit, reset };
}
