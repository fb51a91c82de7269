import { screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';

/** Where the keyboard focus is after a form is sent: the assertions the form-focus tests share. */

export const focusIs = (el: HTMLElement) => waitFor(() => expect(document.activeElement).toBe(el));

/** The focus is on a confirmation (a status message) starting with this text. */
export const focusOnConfirmation = (text: string | RegExp, timeout?: number) => waitFor(() => {
  const el = document.activeElement as HTMLElement;
  expect(el.getAttribute('role')).toBe('status');
  expect(el.textContent).toMatch(typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : text);
}, { timeout });

export const focusOnHeading = (level: number, name: string | RegExp) => waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level, name })));
