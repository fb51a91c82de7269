import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NextStep } from '../../shared/visits/model';
import { NextStepTable } from '../../renderer/screens/visits/NextSteps';

/** Long lists are drawn a window at a time; short ones whole. Rows still say where they are in the list. */
const steps = (n: number): NextStep[] => Array.from({ length: n }, (_, i) => ({
  id: i + 1, leaderId: 1, leaderName: 'Marisol Vega', schoolName: 'Cedar Grove Elementary', description: `Next step ${i + 1}`,
  owner: 'leader', dueDate: '2026-12-01', doneDate: null, source: 'other', visit: null, overdue: false, createdAt: '2026-11-01T10:00:00Z',
}));
const rowNames = () => within(screen.getByRole('table')).getAllByRole('rowheader').map((th) => th.textContent);

describe('windowed lists', () => {
  it('draws a short list whole', () => {
    render(<NextStepTable steps={steps(150)} caption="Open next steps" />);
    expect(rowNames()).toHaveLength(150);
  });

  it('draws only the rows near the screen of a long list, each with its place in the whole table', () => {
    render(<NextStepTable steps={steps(5000)} caption="Open next steps" />);
    const names = rowNames();
    expect(names.length).toBeGreaterThan(10);
    expect(names.length).toBeLessThan(200);
    expect(names[0]).toBe('Next step 1');
    const table = screen.getByRole('table', { name: 'Open next steps' });
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    const rows = within(table).getAllByRole('row');
    expect(rows[1].getAttribute('aria-rowindex')).toBe('2');
    // The spacers are hidden from assistive technology and hold the height of the rows not drawn.
    const spacers = table.querySelectorAll('tr.window-spacer');
    expect(spacers).toHaveLength(2);
    spacers.forEach((s) => expect(s.getAttribute('aria-hidden')).toBe('true'));
    expect(parseFloat((spacers[1] as HTMLElement).style.height)).toBeGreaterThan(4000 * 40);
  });

  it('draws further rows as the page scrolls down', () => {
    render(<NextStepTable steps={steps(5000)} caption="Open next steps" />);
    const top = document.querySelector('tr.window-spacer') as HTMLElement;
    // jsdom has no layout: stand in for the list's top having scrolled 100 rows above the screen.
    top.getBoundingClientRect = () => ({ top: -64 * 100, bottom: -64 * 100, left: 0, right: 0, width: 0, height: 0, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.scroll(window);
    return new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(() => {
      const names = rowNames();
      expect(names).toContain('Next step 101');
      expect(names).not.toContain('Next step 1');
      resolve();
    }, 0)));
  });
});
