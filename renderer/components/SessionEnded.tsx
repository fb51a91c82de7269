import { useEffect, useState } from 'react';
import { onSessionEnded, type SessionEnd } from '../api';

/** Whether this tab's browser-mode session has ended, and how, as the latest call found out (stopped, then started again). */
export function useSessionEnded(): SessionEnd | null {
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  useEffect(() => onSessionEnded(setEnded), []);
  return ended;
}

const WHY: Record<SessionEnd, string> = {
  restarted: 'Fieldbook was started again since this tab was opened, and each start has its own address. Open the address Fieldbook printed when it started this time (in the window where it runs).',
  stopped: 'Fieldbook stopped (or started again at another address) since this tab was opened, so this tab cannot load or save anything. If it is not running, start it with npm start (or npm run browser); then open the address it prints.',
};

/** Says at once that a tab's session has ended, and how to reopen Fieldbook. What was typed stays on the page below. */
export function SessionEnded({ why }: { why: SessionEnd }) {
  return (
    <section className="banner-alert session-ended" role="alert" aria-labelledby="session-ended-heading">
      <h2 id="session-ended-heading">This Fieldbook session has ended</h2>
      <p>{WHY[why]}</p>
      <p>Anything typed on this tab and not yet saved is still on the page: copy it before you close the tab.</p>
    </section>
  );
}
