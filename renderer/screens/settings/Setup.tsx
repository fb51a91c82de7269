import { useState } from 'react';
import { call } from '../../api';
import { ProfileForm } from './ProfileForm';

/** First start: the supervisor's profile, or a demo district to look around in. */
export function Setup() {
  const [demoError, setDemoError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  return (
    <main className="setup" id="main">
      <h1>Welcome to Fieldbook</h1>
      <p className="lede">
        Your caseload, school visits, CTA check-ins, evaluations and retention conversations in one place, on this laptop,
        with or without a network. Start with a little about you and your school year.
      </p>
      <ProfileForm settings={null} submitLabel="Save and continue" />
      <section className="demo-offer" aria-labelledby="demo-heading">
        <h2 id="demo-heading">Just looking?</h2>
        <p>Fill Fieldbook with a made-up district (six schools, eight leaders) to see how it works. You can start fresh later by using a new data folder.</p>
        <button
          type="button"
          disabled={loading}
          onClick={async () => {
            setLoading(true);
            const r = await call('loadDemoData');
            setLoading(false);
            setDemoError(r.ok ? null : r.error.message);
          }}
        >
          Load demo data
        </button>
        {demoError && <p className="form-error" role="alert">{demoError}</p>}
      </section>
    </main>
  );
}
