import { type ReactNode, useId } from 'react';
import { CSV_TABLES, type CsvTable, csvLink, type PageFilter } from '../../contract/contract';
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
