import { useCallback, useEffect, useState } from 'react';
import { match, useRoute } from './router';
import { AddLeader } from './screens/caseload/LeaderForm';
import { Caseload } from './screens/caseload/Caseload';
import { Dashboard } from './screens/dashboard/Dashboard';
import { EvaluationPage } from './screens/evaluations/EvaluationPage';
import { Evaluations } from './screens/evaluations/Evaluations';
import { LeaderPage } from './screens/caseload/LeaderPage';
import { NextSteps } from './screens/visits/NextSteps';
import { RosterImport } from './screens/caseload/RosterImport';
import { Search } from './screens/visits/Search';
import { useSearchShortcut } from './components/useSearchShortcut';
import { Schools } from './screens/caseload/Schools';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { TimeUse } from './screens/visits/TimeUse';
import { VisitPage } from './screens/visits/VisitPage';
import { PlanVisit, Visits } from './screens/visits/Visits';
import { QUICK_NOTE_SHORTCUT, QuickNote, isQuickNoteKey } from './components/QuickNote';
import { Setup } from './screens/settings/Setup';
import { LockScreen } from './screens/backups/LockScreen';
import { useIdleLock } from './components/useIdleLock';
import { SessionEnded, useSessionEnded } from './components/SessionEnded';
import { useQuery } from './components/useQuery';
import { CtaOverview } from './screens/cta/CtaOverview';
import { Facilitation } from './screens/cta/Facilitation';
import { SchoolPage } from './screens/cta/SchoolPage';
import { SummaryView } from './screens/cta/SummaryView';
import { Sync } from './screens/sync/Sync';
import { ConversationPage, NewConversation } from './screens/retention/ConversationScreen';
import { RetentionView } from './screens/retention/RetentionView';
import { SyncPill } from './screens/sync/SyncPill';
import { useCaseload, useSettings, useStatus } from './stores';

/** How often a window looks at the status: the queue, the lock, and what other windows changed. */
const STATUS_POLL_MS = 3_000;

const SECTIONS = [
  { path: '/dashboard', label: 'Dashboard' },
  { path: '/caseload', label: 'Caseload' },
  { path: '/visits', label: 'Visits' },
  { path: '/search', label: 'Search' },
  { path: '/next-steps', label: 'Next steps' },
  { path: '/cta', label: 'CTA' },
  { path: '/evaluations', label: 'Evaluations' },
  { path: '/retention', label: 'Retention' },
  { path: '/sync', label: 'Sync' },
  { path: '/settings', label: 'Settings' },
] as const;

function screenFor(fullPath: string) {
  const [path, search = ''] = fullPath.split('?');
  const query = new URLSearchParams(search);
  const leader = match('/leaders/:id', path);
  if (leader) return <LeaderPage key={leader.id} leaderId={Number(leader.id)} />;
  const planOn = match('/visits/new/:date', path);
  if (path === '/visits/new' || planOn) {
    return <PlanVisit key={fullPath} date={planOn?.date} leaderId={query.has('leader') ? Number(query.get('leader')) : undefined} />;
  }
  const school = match('/schools/:id', path);
  if (school) return <SchoolPage key={fullPath} schoolId={Number(school.id)} yearStart={query.get('year') ?? undefined} />;
  const summary = match('/cta/checkins/:id/summary', path);
  if (summary) return <SummaryView key={path} checkinId={Number(summary.id)} />;
  const checkIn = match('/cta/checkins/:id', path);
  if (checkIn) return <Facilitation key={path} checkinId={Number(checkIn.id)} />;
  const evaluation = match('/evaluations/:id', path);
  if (evaluation) return <EvaluationPage key={path} cycleId={Number(evaluation.id)} />;
  const conversation = match('/retention/conversations/:id', path);
  if (conversation) return <ConversationPage key={path} conversationId={Number(conversation.id)} />;
  if (path === '/retention/new') return <NewConversation key={fullPath} leaderId={query.has('leader') ? Number(query.get('leader')) : undefined} />;
  const visit = match('/visits/:id', path) ?? match('/visits/:id/edit', path);
  if (visit) return <VisitPage key={path} visitId={Number(visit.id)} edit={path.endsWith('/edit')} />;
  switch (path) {
    case '/caseload': return <Caseload />;
    case '/caseload/add-leader': return <AddLeader />;
    case '/caseload/import': return <RosterImport />;
    case '/schools': return <Schools />;
    case '/settings': return <SettingsScreen />;
    case '/search': return <Search />;
    case '/visits': return <Visits />;
    case '/next-steps': return <NextSteps key={fullPath} initial={query.get('due') === 'overdue' ? { due: 'overdue' } : undefined} />;
    case '/time-use': return <TimeUse />;
    case '/cta': return <CtaOverview />;
    case '/evaluations': return <Evaluations />;
    case '/retention': return <RetentionView />;
    case '/sync': return <Sync />;
    default: return <Dashboard />;
  }
}

/** On a leader's page, a quick note is about that leader. */
function leaderOnScreen(path: string): number | undefined {
  const m = match('/leaders/:id', path);
  return m ? Number(m.id) : undefined;
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
  const ended = useSessionEnded();
  useSearchShortcut();
  const [quickNote, setQuickNote] = useState(false);
  const [noticeSeen, setNoticeSeen] = useState(false);
  const closeQuickNote = useCallback(() => setQuickNote(false), []);
  const lockSettings = useQuery('getLockSettings', {}, ['lock_settings']).data;
  const idle = useIdleLock(lockSettings?.idleMinutes ?? 0, lockSettings?.hasPassphrase);
  // Another window locked Fieldbook: the status poll says so, and this one hides too.
  const coreLocked = status?.locked ?? false;
  const { show: showLock } = idle;
  useEffect(() => {
    if (coreLocked) showLock();
  }, [coreLocked, showLock]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isQuickNoteKey(e) && !idle.locked) {
        e.preventDefault();
        setQuickNote(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [idle.locked]);

  useEffect(() => {
    void useSettings.getState().reload();
    void useCaseload.getState().reload();
    void useStatus.getState().reload();
    // The sync worker and other windows change things in the background: look again now and then,
    // and at once when the person comes back to this window (from another one, or after a restart).
    const look = () => document.visibilityState === 'visible' && void useStatus.getState().reload();
    const timer = setInterval(look, STATUS_POLL_MS);
    window.addEventListener('focus', look);
    document.addEventListener('visibilitychange', look);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', look);
      document.removeEventListener('visibilitychange', look);
    };
  }, []);

  if (ended && !settings.data) return <main className="fatal"><SessionEnded why={ended} /></main>;
  if (settings.error) return <main className="fatal" role="alert"><h1>Fieldbook could not start</h1><p>{settings.error}</p></main>;
  if (!settings.loaded) return null;
  if (!settings.data) return <Setup />;

  const section = SECTIONS.find((s) => path === s.path || path.startsWith(`${s.path}/`)) ?? (path.startsWith('/leaders') || path === '/schools' ? SECTIONS[1] : path.startsWith('/schools/') ? SECTIONS[5] : SECTIONS[0]);
  // Locked: the app stays mounted (nothing typed is lost) but hidden and out of reach of keyboard and screen readers.
  return (
    <>
      {idle.locked && <LockScreen hasPassphrase={lockSettings?.hasPassphrase ?? true} onUnlock={idle.unlock} />}
      <div className="app" hidden={idle.locked} inert={idle.locked}>
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
              <button type="button" className="quick-note-button" aria-keyshortcuts={QUICK_NOTE_SHORTCUT} onClick={() => setQuickNote(true)}>
                Quick note <kbd>{QUICK_NOTE_SHORTCUT}</kbd>
              </button>
              <SyncPill status={status} browserOnline={online} />
              <button type="button" onClick={idle.lock}>Lock</button>
            </header>
            {ended && <SessionEnded why={ended} />}
            {status?.dataFileProblem && <p className="banner-alert" role="alert">{status.dataFileProblem}</p>}
            {status?.notice && !noticeSeen && (
              <p className="banner-note" role="status">
                {status.notice} <button type="button" className="link" onClick={() => setNoticeSeen(true)}>Dismiss</button>
              </p>
            )}
            <main id="main" tabIndex={-1}>{screenFor(path)}</main>
            {quickNote && <QuickNote leaderId={leaderOnScreen(path)} onClose={closeQuickNote} />}
          </div>
        </div>
      </div>
    </>
  );
}
