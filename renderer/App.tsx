import { useEffect, useState } from 'react';
import { plural } from './format';
import { match, useRoute } from './router';
import { AddLeader } from './screens/LeaderForm';
import { Caseload } from './screens/Caseload';
import { Dashboard } from './screens/Dashboard';
import { LeaderPage } from './screens/LeaderPage';
import { NotBuilt } from './screens/NotBuilt';
import { RosterImport } from './screens/RosterImport';
import { Schools } from './screens/Schools';
import { SettingsScreen } from './screens/SettingsScreen';
import { Setup } from './screens/Setup';
import { useCaseload, useSettings, useStatus } from './stores';

const SECTIONS = [
  { path: '/dashboard', label: 'Dashboard' },
  { path: '/caseload', label: 'Caseload' },
  { path: '/visits', label: 'Visits' },
  { path: '/cta', label: 'CTA' },
  { path: '/evaluations', label: 'Evaluations' },
  { path: '/retention', label: 'Retention' },
  { path: '/sync', label: 'Sync' },
  { path: '/settings', label: 'Settings' },
] as const;

function screenFor(path: string) {
  const leader = match('/leaders/:id', path);
  if (leader) return <LeaderPage key={leader.id} leaderId={Number(leader.id)} />;
  switch (path) {
    case '/caseload': return <Caseload />;
    case '/caseload/add-leader': return <AddLeader />;
    case '/caseload/import': return <RosterImport />;
    case '/schools': return <Schools />;
    case '/settings': return <SettingsScreen />;
    case '/visits': return <NotBuilt title="Visits" />;
    case '/cta': return <NotBuilt title="CTA" />;
    case '/evaluations': return <NotBuilt title="Evaluations" />;
    case '/retention': return <NotBuilt title="Retention" />;
    case '/sync': return <NotBuilt title="Sync" />;
    default: return <Dashboard />;
  }
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export function App() {
  const settings = useSettings();
  const status = useStatus((s) => s.data);
  const path = useRoute((s) => s.path);
  const online = useOnline();

  useEffect(() => {
    void useSettings.getState().reload();
    void useCaseload.getState().reload();
    void useStatus.getState().reload();
  }, []);

  if (settings.error) return <main className="fatal" role="alert"><h1>Fieldbook could not start</h1><p>{settings.error}</p></main>;
  if (!settings.loaded) return null;
  if (!settings.data) return <Setup />;

  const section = SECTIONS.find((s) => path === s.path || path.startsWith(`${s.path}/`)) ?? (path.startsWith('/leaders') || path === '/schools' ? SECTIONS[1] : SECTIONS[0]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <nav className="sidebar" aria-label="Sections">
        <p className="brand">Fieldbook</p>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <a href={`#${s.path}`} aria-current={section.path === s.path ? 'page' : undefined}>{s.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="content">
        <header className="topbar" aria-label="Status">
          <span className={online ? 'pill pill-online' : 'pill pill-offline'}>{online ? 'Online' : 'Offline: everything still saves on this computer'}</span>
          {status && <span className="pill">{status.exportsWaiting === 0 ? 'No exports waiting' : `${plural(status.exportsWaiting, 'export')} waiting`}</span>}
        </header>
        <main id="main" tabIndex={-1}>{screenFor(path)}</main>
      </div>
    </div>
  );
}
