import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { Markdown } from '../../renderer/components/Markdown';
import { renderApp, withDemo } from './harness';

describe('notes are shown safely', () => {
  it('renders Markdown but never raw HTML, scripts or javascript: links', () => {
    const hostile = [
      '**bold** and [district site](https://district.example)',
      '<script>window.__pwned = true</script>',
      '<img src=x onerror="window.__pwned = true">',
      '[click me](javascript:window.__pwned=true)',
      '<a href="javascript:alert(1)">html link</a>',
    ].join('\n\n');
    const { container } = render(<Markdown text={hostile} />);
    expect(container.querySelector('strong')!.textContent).toBe('bold');
    expect(container.querySelector('script, img, iframe, [onerror]')).toBeNull();
    const links = [...container.querySelectorAll('a')];
    // The javascript: link is only its text (see privacy.test.tsx).
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://district.example']);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
  });
});

describe('quick note', () => {
  it('opens with Alt+N on any screen, about the leader on screen, and saves as you type', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/leaders/1');
    await screen.findByRole('heading', { level: 1, name: 'Marisol Vega' });
    await user.keyboard('{Alt>}n{/Alt}');
    const dialog = await screen.findByRole('dialog', { name: 'Quick note' });
    expect((within(dialog).getByLabelText('About') as HTMLSelectElement).selectedOptions[0].textContent).toBe('Marisol Vega');
    await user.type(within(dialog).getByLabelText('Note'), 'Asked for help with master schedule');
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toMatch(/^Saved at/), { timeout: 3000 });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    // Today's notes: the demo's own were written earlier in the year.
    const rows = ctx.db.prepare(`SELECT leader_id AS leaderId, body FROM notes WHERE created_at >= '2026-11-23'`).all();
    expect(rows).toEqual([{ leaderId: 1, body: 'Asked for help with master schedule' }]);
    // And it is on her page straight away.
    expect(await screen.findByText('Asked for help with master schedule')).toBeTruthy();
    expect((await dispatch(ctx, 'listLeaderNotes', { leaderId: 1 })).ok).toBe(true);
  });
});

describe("a leader's notes", () => {
  it('shows the newest 50, then older ones on request, with the focus on the first of them, past the first few hundred too', async () => {
    const ctx = await withDemo();
    const before = ((await dispatch(ctx, 'listLeaderNotes', { leaderId: 1 })) as { value: { total: number } }).value.total;
    const insert = ctx.db.prepare(`INSERT INTO notes (leader_id, body, created_at, updated_at) VALUES (1, ?, ?, ?)`);
    ctx.db.transaction(() => {
      for (let i = 1; i <= 260 - before; i++) insert.run(`Older thought ${String(i).padStart(3, "0")}`, '2020-01-01T09:00:00Z', '2020-01-01T09:00:00Z');
    })();
    const all = ((await dispatch(ctx, 'listLeaderNotes', { leaderId: 1, limit: 300 })) as { value: { notes: { body: string }[] } }).value.notes;
    const focusedNote = () => (document.activeElement?.tagName === 'ARTICLE' ? document.activeElement.textContent : null);
    const user = userEvent.setup();
    renderApp('/leaders/1');
    const notes = await screen.findByRole('region', { name: 'Notes' });
    expect(await within(notes).findByText('The newest 50 of 260 notes.')).toBeTruthy();
    await waitFor(() => expect(within(notes).getAllByRole('article')).toHaveLength(50));
    for (let shown = 50; shown < 250; shown += 50) {
      await user.click(within(notes).getByRole('button', { name: `Show 50 older notes (${260 - shown} not shown)` }));
      await waitFor(() => expect(focusedNote()).toContain(all[shown].body));
    }
    // The last page: the button goes, and the focus is on the first of the last notes.
    await user.click(within(notes).getByRole('button', { name: 'Show 10 older notes (10 not shown)' }));
    await waitFor(() => expect(focusedNote()).toContain(all[250].body));
    expect(within(notes).queryByRole('button', { name: /older notes/ })).toBeNull();
    expect(within(notes).queryByText(/The newest/)).toBeNull();
  });
});
