import type { ReactNode } from 'react';

/**
 * A marker beside a name, date or heading ("New in role", "Late", "Confidential"). It starts with a
 * comma only a screen reader hears, so it is read as its own words: "Siobhán O’Connor-Nguyen, New in
 * role", never "Siobhán O’Connor-NguyenNew in role".
 */
export function Badge({ children, kind }: { children: ReactNode; kind?: string }) {
  return (
    <>
      <span className="visually-hidden">,</span>{' '}
      <span className={kind ? `badge ${kind}` : 'badge'}>{children}</span>
    </>
  );
}
