import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { Markdown } from '../../renderer/components/Markdown';
import { connectCore, renderApp, typeQuickNote, withDemo } from './harness';

/** Everything the browser itself keeps for the page: nothing typed may be in it. */
const browserStorage = () => JSON.stringify({ ...localStorage, ...sessionStorage });

describe('drafts are kept by the core, not the browser', () => {
  it('keeps a retention conversation being typed in the core (out of the browser’s storage) and puts it back when the form opens again', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/retention/new?leader=1');
    const form = await screen.findByRole('form', { name: /^Conversation with / });
    await user.type(within(form).getByLabelText('Threats to sustainability they named'), 'Evenings lost to the master schedule');
    await waitFor(async () => expect(await dispatch(ctx, 'getDraft', { key: 'retention-new-1' })).toMatchObject({ ok: true, value: { value: { threats: 'Evenings lost to the master schedule' } } }));
    expect(browserStorage()).not.toMatch(/Evenings lost/);
    cleanup();
    renderApp('/retention/new?leader=1');
    const again = await screen.findByRole('form', { name: /^Conversation with / });
    await waitFor(() => expect((within(again).getByLabelText('Threats to sustainability they named') as HTMLTextAreaElement).value).toBe('Evenings lost to the master schedule'));
  });

  it('an unsaved leader form is a draft in the core, not in the browser', async () => {
    const ctx = connectCore();
    await dispatch(ctx, 'saveSettings', { supervisorName: 'Robin Diaz', supervisorEmail: 'robin.diaz@lakeside.example', district: 'Lakeside', targetRatio: 5, schoolYearStartMonth: 7 });
    const user = userEvent.setup();
    renderApp('/caseload/add-leader');
    const name = await screen.findByLabelText('Name');
    await user.type(name, 'Ana Vega');
    await waitFor(async () => expect(await dispatch(ctx, 'getDraft', { key: 'add-leader' })).toMatchObject({ ok: true, value: { value: { name: 'Ana Vega' } } }));
    expect(browserStorage()).not.toMatch(/Ana Vega/);
  });
});

describe('hostile text cannot spoof or stretch the screen', () => {
  const RLO = '\u202E';

  it('a link removed as unsafe is plain text, never an empty link that opens Fieldbook in a new tab', () => {
    const { container } = render(<Markdown text={'[click me](javascript:alert(1)) and [the district](https://district.example)'} />);
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://district.example']);
    expect(container.textContent).toContain('click me');
  });

  it('shows invisible direction characters in a note as their code', () => {
    const { container } = render(<Markdown text={`Attached: photo${RLO}gnp.exe`} />);
    expect(container.textContent).toBe('Attached: photoU+202Egnp.exe');
  });

  it('a leader named with a right-to-left override reads as it is, isolated from the text around it, on the caseload and her page', async () => {
    const ctx = await withDemo();
    expect(await dispatch(ctx, 'addLeader', { name: `Ana ${RLO}gnp.exe`, role: 'principal', schoolId: 1, roleStartDate: '2020-08-01', assignment: { supportTier: 'standard' } })).toMatchObject({ ok: true });
    renderApp('/caseload');
    const link = await screen.findByRole('link', { name: /^Ana/ });
    expect(link.textContent).toBe('Ana U+202Egnp.exe');
    expect(link.querySelector('bdi')).not.toBeNull();
    expect(link.textContent).not.toContain(RLO);
    cleanup();
    const id = ctx.db.prepare(`SELECT id FROM leaders WHERE name LIKE 'Ana %'`).pluck().get() as number;
    renderApp(`/leaders/${id}`);
    const heading = await screen.findByRole('heading', { level: 1, name: /^Ana/ });
    expect(heading.textContent).toBe('Ana U+202Egnp.exe');
  });
});

describe('every failure says what happened', () => {
  it('an autosave on a full disk says the disk is full, keeps the text on screen, and saves it once there is room', async () => {
    const ctx = await withDemo();
    // SQLite's own limit on the file's size gives the very error (SQLITE_FULL) a full disk does.
    ctx.db.pragma(`max_page_count = ${(ctx.db.pragma('page_count', { simple: true }) as number) + 1}`);
    const fill = ctx.db.prepare(`INSERT INTO notes (leader_id, body, created_at, updated_at) VALUES (1, 'x', '2020-01-01', '2020-01-01')`);
    try {
      for (;;) fill.run();
    } catch (err) {
      expect((err as { code: string }).code).toBe('SQLITE_FULL');
    }
    const user = userEvent.setup();
    renderApp('/leaders/1');
    const dialog = await typeQuickNote(user, 'Asked about the bus schedule');
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toMatch(/^Not saved yet: The disk is full, so this was not saved\..*Trying again/));
    expect((within(dialog).getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Asked about the bus schedule');
    ctx.db.pragma('max_page_count = 1000000');
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toMatch(/^Saved at/), { timeout: 10_000 });
    expect(ctx.db.prepare(`SELECT count(*) FROM notes WHERE body = 'Asked about the bus schedule'`).pluck().get()).toBe(1);
  });
});
