import { cloneElement, type ReactElement, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * A long list drawn a window at a time: only the rows near the screen are in the page, with
 * spacers above and below holding the rest of the list's height, so ten years of notes scroll
 * as smoothly as ten. Lists up to `threshold` rows are drawn whole, as before.
 *
 * Keyboard and screen readers: Tab moves through the drawn rows and the page scrolls with the
 * focus, which draws the next ones; a focused row is kept drawn while it has focus. Each row gets
 * its position (index) from `render`, which sets aria-rowindex or aria-posinset and aria-setsize
 * so assistive technology knows where it is in the whole list.
 */
export function Windowed<T>({ items, render, spacer, estimate = 48, threshold = 200, overscan = 20, onRange, keep = null }: {
  items: readonly T[];
  /** A row as a DOM element (<tr>, <li>), not a component: the window marks it with data-row to keep the focused row drawn. */
  render: (item: T, index: number) => ReactElement;
  /** An empty row of the list's kind (a <tr>, an <li>) with this height, hidden from assistive technology. */
  spacer: (height: number, key: string, ref?: (el: HTMLElement | null) => void) => ReactElement;
  /** A first guess at a row's height in pixels; the real average is measured as rows are drawn. */
  estimate?: number;
  threshold?: number;
  overscan?: number;
  /** Told which rows are drawn (start inclusive, end exclusive), for lists loaded a page at a time. */
  onRange?: (start: number, end: number) => void;
  /** A row to keep drawn wherever the page is scrolled (one about to take the focus), like the focused row. */
  keep?: number | null;
}) {
  const whole = items.length <= threshold;
  const top = useRef<HTMLElement | null>(null);
  const bottom = useRef<HTMLElement | null>(null);
  const [rowHeight, setRowHeight] = useState(estimate);
  const [range, setRange] = useState({ start: 0, end: Math.min(items.length, overscan * 3) });
  const focused = useRef<number | null>(null);

  const update = useCallback(() => {
    if (whole || !top.current) return;
    const offset = -top.current.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor(offset / rowHeight) - overscan);
    const end = Math.min(items.length, Math.ceil((offset + window.innerHeight) / rowHeight) + overscan);
    // The focused row and its neighbours stay drawn, so Tab and Shift+Tab always have a next row.
    const f = focused.current ?? keep;
    const next = f === null
      ? { start: first, end: Math.max(end, first + 1) }
      : { start: Math.max(0, Math.min(first, f - overscan)), end: Math.min(items.length, Math.max(end, f + overscan)) };
    setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
  }, [whole, rowHeight, overscan, items.length, keep]);

  useEffect(() => {
    if (whole) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    const parent = top.current?.parentElement;
    const onFocus = (e: FocusEvent) => {
      const row = (e.target as Element).closest('[data-row]');
      focused.current = row ? Number(row.getAttribute('data-row')) : null;
      update();
    };
    const onBlur = () => (focused.current = null);
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    parent?.addEventListener('focusin', onFocus);
    parent?.addEventListener('focusout', onBlur);
    update();
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      parent?.removeEventListener('focusin', onFocus);
      parent?.removeEventListener('focusout', onBlur);
    };
  }, [whole, update]);

  // Rows differ in height (a long note, a wrapped line): learn the average from the rows drawn.
  useLayoutEffect(() => {
    if (whole || !top.current || !bottom.current) return;
    const drawn = range.end - range.start;
    const height = bottom.current.getBoundingClientRect().top - top.current.getBoundingClientRect().bottom;
    if (drawn > 0 && height > 0) {
      const measured = height / drawn;
      if (Math.abs(measured - rowHeight) / rowHeight > 0.1) setRowHeight(measured);
    }
  }, [whole, range, rowHeight]);

  // Told again whenever the rows change (new filters can keep the length): the caller loads what is drawn.
  useEffect(() => {
    onRange?.(whole ? 0 : Math.min(range.start, items.length), whole ? items.length : Math.min(range.end, items.length));
  }, [onRange, whole, range, items]);

  if (whole) return <>{items.map((item, i) => render(item, i))}</>;
  const start = Math.min(range.start, items.length);
  const end = Math.min(range.end, items.length);
  return (
    <>
      {spacer(start * rowHeight, 'window-top', (el) => (top.current = el))}
      {items.slice(start, end).map((item, i) => cloneElement(render(item, start + i), { 'data-row': start + i } as Record<string, unknown>))}
      {spacer((items.length - end) * rowHeight, 'window-bottom', (el) => (bottom.current = el))}
    </>
  );
}

/** Spacers for the two kinds of list Fieldbook windows: table rows and list items (or articles). */
export const rowSpacer = (columns: number) => (height: number, key: string, ref?: (el: HTMLElement | null) => void) => (
  <tr key={key} ref={ref} aria-hidden="true" className="window-spacer" style={{ height }}><td colSpan={columns} /></tr>
);
export const itemSpacer = (height: number, key: string, ref?: (el: HTMLElement | null) => void) => (
  <li key={key} ref={ref} aria-hidden="true" className="window-spacer" style={{ height }} />
);
export const blockSpacer = (height: number, key: string, ref?: (el: HTMLElement | null) => void) => (
  <div key={key} ref={ref} aria-hidden="true" className="window-spacer" style={{ height }} />
);
