import { execFileSync } from 'node:child_process';
import type { DistrictDb } from '../../district/db/connection';
import { CSV_TABLES, type CsvTable, csvLink, type PageFilter, type ViewCallName } from '../../district/contract/contract';
import type { Role } from '../../district/contract/model';
import { addStaffAccount, changePassword, signIn } from '../../district/view/accounts';
import { csvDownload } from '../../district/view/csv';
import { dispatchView, downloadFor, statusOf } from '../../district/view/dispatch';

/** Signed-in staff for the leader tracking view's tests, and their calls and downloads as the server answers them. */
export const NOW = new Date('2026-11-23T15:00:00Z');
export const PASSWORD = 'a long password of my own';

export interface Staff {
  email: string;
  role: Role;
  token: string;
}

export async function signedIn(db: DistrictDb, email: string, role: Role, now = NOW): Promise<Staff> {
  const account = await addStaffAccount(db, { email, role }, now);
  const first = await signIn(db, { email, password: account.password, address: null }, now);
  await changePassword(db, first.viewer, { currentPassword: account.password, newPassword: PASSWORD }, now);
  return { email, role, token: first.token };
}

export function view(db: DistrictDb, now = () => NOW) {
  const ctx = { db, now };
  return {
    ctx,
    /** A call's envelope and the HTTP status it would go out with. */
    async call(who: Staff | null, name: ViewCallName, input: unknown = {}) {
      const { envelope } = await dispatchView(ctx, { token: who?.token ?? null, address: '127.0.0.1' }, name, input);
      return { ...envelope, status: statusOf(envelope) };
    },
    /** The value of a call that must succeed. */
    async value<T = never>(who: Staff, name: ViewCallName, input: unknown = {}): Promise<T> {
      const { envelope } = await dispatchView(ctx, { token: who.token, address: '127.0.0.1' }, name, input);
      if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code} ${envelope.error.field ?? ''} ${envelope.error.message}`);
      return envelope.value as T;
    },
    /** A table's CSV as the server gives it to this session (the same path as GET /csv/…). */
    async csv(who: Staff, table: CsvTable, params: PageFilter | { leaderId: number } = {}) {
      const r = await downloadFor(ctx, who.token, (viewer) => csvDownload(ctx, viewer, new URL(csvLink(table, params), 'http://district')));
      return r.ok ? { status: 200, text: String(r.value.body), filename: r.value.filename } : { status: statusOf(r), text: r.error.message, filename: '' };
    },
  };
}

/** Files parsed by Python's csv module, an independent reader (one process for all of them): each file's rows of cells. */
export function readCsvs(texts: string[]): string[][][] {
  const script = 'import csv, io, json, sys; print(json.dumps([list(csv.reader(io.StringIO(t.lstrip("\\ufeff"), newline=""))) for t in json.load(sys.stdin)]))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(texts) }).toString()) as string[][][];
}
export const readCsv = (text: string): string[][] => readCsvs([text])[0];

export const ALL_TABLES = Object.keys(CSV_TABLES) as CsvTable[];
export const PAGES = ['capacity', 'timeInSchools', 'cta', 'evaluations', 'retention'] as const;

