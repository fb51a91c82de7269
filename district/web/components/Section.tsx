import { type ReactNode, useEffect, useId, useState } from 'react';
import type { PageFilter } from '../../contract/contract';
import { CSV_TABLES, type CsvTable, csvLink } from '../../contract/routes';
import type { Freshness as FreshnessShape } from '../../contract/model';
import { Freshness } from './Freshness';

/** A titled part of a page: its freshness line, then its figure or table. */
export function Section({ title, freshness, children }: { title: string; freshness?: FreshnessShape; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="section">
      <h2 id={id}>{title}</h2>
      {freshness && <Freshness of={freshness} />}
      {children}
    </section>
  );
}

/** A table with its caption and its CSV download. */
export function DataTable({ table, params, head, children, empty }: {
  table: CsvTable; params: PageFilter | { leaderId: number }; head: ReactNode; children: ReactNode; empty?: string | false;
}) {
  const title = CSV_TABLES[table].title;
  return (
    <div className="table-wrap">
      {empty ? <p className="empty">{empty}</p> : (
        <table>
          <caption>{title}</caption>
          <thead>{head}</thead>
          <tbody>{children}</tbody>
        </table>
      )}
      <a className="download" href={csvLink(table, params)} download aria-label={`Download ${title} as CSV`}>Download CSV</a>
    </div>
  );
}

/** Children drawn just after the page's first paint, so a long table never holds back the figures above it. */
export function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setReady(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return ready ? children : <p className="hint" role="status">Loading the table…</p>;
}
