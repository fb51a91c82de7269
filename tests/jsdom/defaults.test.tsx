import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { saveStateLabel } from '../../renderer/components/useAutosave';
import { ok } from '../node/helpers';
import { renderApp, withDemo } from './harness';

const description = (field: HTMLElement) => document.getElementById(field.getAttribute('aria-describedby')!)!.textContent;

describe('defaults that follow the guide', () => {
  it('Add leader offers Targeted support at a high-need school, as the roster import does, until a tier is chosen', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload/add-leader');
    const form = await screen.findByRole('form', { name: 'Add a leader' });
    const tier = within(form).getByLabelText('Support tier') as HTMLSelectElement;
    expect(tier.value).toBe('standard');
    await user.selectOptions(within(form).getByLabelText('School'), 'Cedar Grove Elementary');
    expect(tier.value).toBe('targeted');
    await user.selectOptions(within(form).getByLabelText('School'), 'Lincoln Park Elementary');
    expect(tier.value).toBe('standard');
    await user.selectOptions(within(form).getByLabelText('School'), 'Mesa Verde Middle School');
    expect(tier.value).toBe('targeted');

    await user.type(within(form).getByLabelText('Name'), 'Tomás Rivera');
    await user.selectOptions(within(form).getByLabelText('Role'), 'Principal');
    await user.type(within(form).getByLabelText('Started in this role on'), '2021-08-01');
    await user.click(within(form).getByRole('button', { name: 'Add leader' }));
    await screen.findByRole('heading', { level: 1, name: 'Tomás Rivera' });
    expect(ctx.db.prepare(`SELECT a.support_tier FROM assignments a JOIN leaders l ON l.id = a.leader_id WHERE l.name = 'Tomás Rivera'`).pluck().get()).toBe('targeted');
  });

  it('keeps the tier a person chose when the school changes', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload/add-leader');
    const form = await screen.findByRole('form', { name: 'Add a leader' });
    await user.selectOptions(within(form).getByLabelText('Support tier'), 'Intensive');
    await user.selectOptions(within(form).getByLabelText('School'), 'Lincoln Park Elementary');
    await user.selectOptions(within(form).getByLabelText('School'), 'Cedar Grove Elementary');
    expect((within(form).getByLabelText('Support tier') as HTMLSelectElement).value).toBe('intensive');
  });

  it('tags a saved note straight away, without Edit note first', async () => {
    const ctx = await withDemo();
    const visit = await ok(ctx, 'planVisit', { date: '2026-11-23', startTime: '09:00', endTime: '10:00', schoolId: 1, leaderIds: [1], type: 'side_by_side', purpose: '', focus: '', evidenceKind: 'coaching' });
    const note = await ok(ctx, 'createNote', { visitId: visit.id, body: 'Walked the grade 3 rooms together.' });
    const user = userEvent.setup();
    renderApp(`/visits/${visit.id}`);
    const card = await screen.findByRole('article', { name: /^Note from/ });
    expect(within(card).queryByRole('textbox')).toBeNull();
    await user.click(within(card).getByRole('button', { name: 'Tag this note (0)' }));
    await user.click(within(card).getByRole('checkbox', { name: 'School Improvement' }));
    await waitFor(() => expect(ctx.db.prepare('SELECT element_id FROM tags WHERE note_id = ?').pluck().all(note.id)).toEqual(['school-improvement']));
    expect(await within(card).findByRole('button', { name: 'Tag this note (1)' })).toBeTruthy();
  });

  it('says “Saving…” while a note saves itself, as the guide says, and the guide quotes every line the app shows', async () => {
    const ctx = await withDemo();
    const visit = await ok(ctx, 'planVisit', { date: '2026-11-23', startTime: '09:00', endTime: '10:00', schoolId: 1, leaderIds: [1], type: 'side_by_side', purpose: '', focus: '', evidenceKind: 'coaching' });
    const user = userEvent.setup();
    renderApp(`/visits/${visit.id}`);
    await user.click(await screen.findByRole('button', { name: 'Add a note' }));
    const box = await screen.findByLabelText('Note');
    await user.type(box, 'Data meeting');
    expect(description(box)).toMatch(/^Saving…/);
    await waitFor(() => expect(description(box)).toMatch(/^Saved at \d{1,2}:\d\d [AP]M/));

    const guide = fs.readFileSync(path.join(process.cwd(), 'docs', 'user-guide.md'), 'utf8');
    expect(guide).toContain(`"${saveStateLabel({ kind: 'pending' })}"`);
    expect(guide).toContain(`"${saveStateLabel({ kind: 'saving' })}"`);
    expect(guide).toMatch(/"Saved at \d{1,2}:\d\d [AP]M"/);
    expect(guide).toContain(`"${saveStateLabel({ kind: 'failed', message: '…', retrying: true })}"`);
  });

  it('warns about a forgotten backup passphrase, not about having none', async () => {
    await withDemo();
    renderApp('/settings');
    const backUp = await screen.findByRole('form', { name: 'Back up now' });
    expect(description(within(backUp).getByLabelText('Passphrase (optional)'))).toBe(
      'With a passphrase the backup is encrypted (at least 8 characters). If you forget the passphrase, nobody can restore this backup: keep it somewhere safe.',
    );
  });
});
