import type { FileLink, LeaderRef } from '../../contract/model';

/** A leader's name, opening their record. */
export const LeaderLink = ({ leader }: { leader: LeaderRef }) => <a href={`#/leaders/${leader.leaderId}`}>{leader.name}</a>;

/** An original PDF as the supervisor's Fieldbook sent it. */
export const PdfLink = ({ href, label }: { href: FileLink; label: string }) =>
  href ? <a href={href} target="_blank" rel="noopener" aria-label={label}>PDF</a> : <span className="hint">no PDF</span>;
