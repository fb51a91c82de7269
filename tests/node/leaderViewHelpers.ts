import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { DistrictDb } from '../../district/db/connection';
import { CSV_TABLES, type CsvTable, csvLink, type PageFilter, type ViewCallName } from '../../district/contract/contract';
import type { Role } from '../../district/contract/model';
import { addStaffAccount, changePassword, signIn } from '../../district/view/accounts';
import { csvDownload } from '../../district/view/csv';
import { dispatchView, downloadFor, statusOf } from '../../district/view/dispatch';
import { openTestDistrictDb, type TestDistrictDb } from './districtFixture';
import { JORDAN, loadTwoSupervisors, SAM } from './leaderViewFixture';

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

/**
 * The district's database for a test file on one engine: opened and set up before its tests, closed
 * after, and each test skipped with the reason when that engine is not there (no PostgreSQL server).
 */
export function districtForTests(engine: 'pglite' | 'postgres', setUp: (t: TestDistrictDb) => Promise<void>, beforeEachTest?: (t: TestDistrictDb) => Promise<void>): () => TestDistrictDb {
  let t: TestDistrictDb | null = null;
  let skip: string | null = null;
  beforeAll(async () => {
    const opened = await openTestDistrictDb(engine);
    if ('skip' in opened) {
      skip = opened.skip;
      return;
    }
    t = opened;
    await setUp(t);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async (test) => {
    if (skip) test.skip(skip);
    await beforeEachTest?.(t!);
  });
  return () => t!;
}

export type StaffName = 'chief' | 'analyst' | 'jordan' | 'sam' | 'nobody';

/** The two supervisors' district, and someone of every role signed in (a supervisor whose exports have not arrived too). */
export async function twoSupervisorsAndStaff(db: DistrictDb, staff: Record<StaffName, Staff>): Promise<void> {
  await loadTwoSupervisors(db);
  staff.chief = await signedIn(db, 'chief@riverbend.example', 'chief');
  staff.analyst = await signedIn(db, 'analyst@riverbend.example', 'analyst');
  staff.jordan = await signedIn(db, JORDAN.supervisorEmail, 'supervisor');
  staff.sam = await signedIn(db, SAM.supervisorEmail, 'supervisor');
  staff.nobody = await signedIn(db, 'new.supervisor@riverbend.example', 'supervisor');
}
