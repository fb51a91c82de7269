import { useEffect, useState } from 'react';
import type { Session } from '../contract/model';
import { call, onSignedOut, setCsrfToken } from './api';
import { filterFromQuery } from './components/Filters';
import { Capacity } from './pages/Capacity';
import { Cta } from './pages/Cta';
import { Evaluations } from './pages/Evaluations';
import { LeaderPage, Leaders } from './pages/Leaders';
import { Retention } from './pages/Retention';
import { ChangePassword, SignIn } from './pages/SignIn';
import { TimeInSchools } from './pages/TimeInSchools';
import { useRoute } from './router';

const PAGES = [
  { path: '/capacity', label: 'Supervision capacity' },
  { path: '/time', label: 'Time in schools' },
  { path: '/cta', label: 'CTA' },
  { path: '/evaluations', label: 'Evaluations' },
  { path: '/retention', label: 'Retention and succession' },
  { path: '/leaders', label: 'Leaders', named: true },
] as const;

const ROLE_WORDS: Record<Session['role'], string> = {
  chief: 'chief of schools: everything the district holds',
  supervisor: 'supervisor: the district’s copy of your own exports',
  analyst: 'analyst: counts, rates and distributions, never a leader’s name',
};

/** The page the address names. Its call goes out at once, beside the session's (a read needs no CSRF token). */
function Page({ role }: { role: Session['role'] | null }) {
  const { path, query } = useRoute();
  const filter = filterFromQuery(query);
  const leader = /^\/leaders\/(\d+)$/.exec(path);
  if (leader && role !== 'analyst') return <LeaderPage key={leader[1]} leaderId={Number(leader[1])} />;
  switch (path) {
    case '/time': return <TimeInSchools filter={filter} />;
    case '/cta': return <Cta filter={filter} />;
    case '/evaluations': return <Evaluations filter={filter} />;
    case '/retention': return <Retention filter={filter} />;
    case '/leaders': if (role !== 'analyst') return <Leaders key={query.get('q') ?? ''} query={query.get('q') ?? ''} />; break;
    default: break;
  }
  return <Capacity filter={filter} />;
}

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [changing, setChanging] = useState(false);
  const { path } = useRoute();
  const signedIn = (s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? '');
    setSession(s);
    setChanging(false);
  };
  useEffect(() => {
    void call('session', {}).then((r) => signedIn(r.ok ? r.value : null));
    return onSignedOut(() => signedIn(null));
  }, []);
  useEffect(() => {
    const current = PAGES.find((p) => path.startsWith(p.path));
    document.title = `${current?.label ?? 'Leader tracking'} · Fieldbook district`;
  }, [path]);

  if (session === null) return <SignIn onSignedIn={signedIn} />;
  if (session?.mustChangePassword || (session && changing)) return <ChangePassword session={session} onChanged={signedIn} onCancel={() => setChanging(false)} />;
  // While the session is still on its way (undefined), the page loads beside it; its nav waits for the role.
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to the page</a>
      <nav className="sidebar" aria-label="Pages">
        <p className="brand">Fieldbook district</p>
        <ul>
          {PAGES.filter((p) => !('named' in p) || (session && session.role !== 'analyst')).map((p) => (
            <li key={p.path}><a href={`#${p.path}`} aria-current={path.startsWith(p.path) ? 'page' : undefined}>{p.label}</a></li>
          ))}
        </ul>
      </nav>
      <div className="content">
        {session && (
          <div className="topbar">
            <span>{session.email}, {ROLE_WORDS[session.role]}</span>
            <button type="button" onClick={() => setChanging(true)}>Change password</button>
            <button type="button" onClick={async () => { await call('signOut', {}); signedIn(null); }}>Sign out</button>
          </div>
        )}
        {session?.role === 'supervisor' && !session.supervisor && (
          <p className="banner-alert" role="status">No export sent with {session.email} as the supervisor’s email has reached the district yet, so there is nothing of yours to show.</p>
        )}
        <main id="main" tabIndex={-1}><Page role={session?.role ?? null} /></main>
      </div>
    </div>
  );
}
