import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * An action that cannot be undone, in two steps, so a slip of the finger never takes it: the button
 * asks first and says what cannot be undone; "Yes, …" acts; the other answer (which has the focus,
 * being the safe one) leaves things as they were and puts the focus back on the button.
 */
export function ConfirmAction({ label, name, question, explain, yes, no, onConfirm, className, busy }: {
  /** The button, e.g. "Finalise check-in…" (the ellipsis says a question follows). */
  label: string;
  /** The button's name for a screen reader, where its label needs what is around it ("Remove District drive"). */
  name?: string;
  /** The question, also the group's name: "Finalise this check-in?" */
  question: string;
  /** What cannot be undone, in a sentence. */
  explain: ReactNode;
  yes: string;
  no: string;
  onConfirm: () => Promise<unknown> | void;
  className?: string;
  busy?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [acting, setActing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    if (!asking && cancelled.current) {
      cancelled.current = false;
      button.current?.focus();
    }
  }, [asking]);
  if (!asking) {
    return <button ref={button} type="button" className={className} aria-label={name} disabled={busy} onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span><strong>{question}</strong> {explain}</span>{' '}
      <button type="button" className="danger-fill" disabled={acting || busy} onClick={async () => {
        setActing(true);
        try {
          await onConfirm();
        } finally {
          setActing(false);
          setAsking(false);
        }
      }}>{yes}</button>{' '}
      <button type="button" autoFocus onClick={() => {
        cancelled.current = true;
        setAsking(false);
      }}>{no}</button>
    </span>
  );
}
