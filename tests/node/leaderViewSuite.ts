import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_TABLES, fileLink } from '../../district/contract/contract';
import type { CapacityPage, CtaPage, EvaluationsPage, LeaderRecord, LeaderSearch, RetentionPage, TimePage } from '../../district/contract/model';
import { ingestFolder } from '../../district/ingest';
import { viewerFor } from '../../district/view/accounts';
import { originalFile } from '../../district/view/files';
import { tempDir } from './helpers';
import { JORDAN, JORDAN_LEADERS, SAM, SAM_LEADERS } from './leaderViewFixture';
import { ALL_TABLES, NOW, PAGES, readCsv, readCsvs, type Staff, view } from './leaderViewHelpers';
import { districtForTests } from './districtFixture';
import { type StaffName, twoSupervisorsAndStaff } from './leaderViewDistrict';
import { compareNames } from '../../shared/collation';

/**
 * The leader tracking view's pages, their CSVs and every role's refusals, on the district data two
 * supervisors' Fieldbooks really sent (leaderViewFixture.ts): the same tests on PGlite and on a
 * real PostgreSQL server.
 */
export function leaderViewSuite(engine: 'pglite' | 'postgres'): void {
  let v: ReturnType<typeof view>;
  const staff = {} as Record<StaffName, Staff>;
  const district = districtForTests(engine, async (opened) => {
    await twoSupervisorsAndStaff(opened.db, staff);
    v = view(opened.db);
  });
  const supervisorId = async (email: string) => (await district().db.query<{ id: number }>('SELECT id FROM supervisors WHERE email = $1', [email])).rows[0].id;
  const leaderId = async (name: string) => (await district().db.query<{ id: number }>('SELECT id FROM leaders WHERE name = $1', [name])).rows[0].id;

  describe('supervision capacity', () => {
    it('gives each supervisor’s newest caseload against their target and the district’s principals per supervisor', async () => {
      const page = await v.value<CapacityPage>(staff.chief, 'capacity');
      expect(page.year.label).toBe('2026–27');
      expect(page.caseloads.map((c) => [c.supervisor.name, c.principals, c.assistantPrincipals, c.aspiring, c.target, c.overTarget]))
        .toEqual([['Jordan Ellis', 5, 2, 1, 5, 0], ['Sam Okafor', 4, 2, 1, 5, 0]]);
      expect(page.district).toEqual({ supervisors: 2, principals: 9, perSupervisor: 4.5, target: 5, overTarget: 0 });
      expect(page.freshness.included.map((s) => s.name)).toEqual(['Jordan Ellis', 'Sam Okafor']);
      expect(page.freshness.newestExport).toBe('2026-11-23');
    });

    it('lists a principal who was on a roster but whose school has no principal on any newest roster', async () => {
      const page = await v.value<CapacityPage>(staff.chief, 'capacity');
      expect(page.unsupervised).toEqual([expect.objectContaining({ name: 'Talia Brooks', lastSeen: '2025-11-20', school: expect.objectContaining({ name: 'Bayside Middle School' }), lastSupervisor: expect.objectContaining({ name: 'Sam Okafor' }) })]);
      expect(page.unsupervisedCount).toBe(1);
    });

    it('filters by school level and need tier, and goes back a school year', async () => {
      const middle = await v.value<CapacityPage>(staff.chief, 'capacity', { level: 'middle' });
      expect(middle.caseloads.map((c) => [c.supervisor.name, c.principals])).toEqual([['Jordan Ellis', 2], ['Sam Okafor', 1]]);
      const highNeed = await v.value<CapacityPage>(staff.chief, 'capacity', { needTier: 'high', supervisorId: await supervisorId(JORDAN.supervisorEmail) });
      expect(highNeed.caseloads.map((c) => [c.supervisor.name, c.principals])).toEqual([['Jordan Ellis', 2]]);
      const lastYear = await v.value<CapacityPage>(staff.chief, 'capacity', { year: '2025-07-01' });
      expect(lastYear.year.label).toBe('2025–26');
      expect(lastYear.caseloads.map((c) => [c.supervisor.name, c.principals])).toEqual([['Sam Okafor', 5]]);
      expect(lastYear.freshness.missing).toEqual([]);
      expect(lastYear.years.map((y) => y.label)).toEqual(['2026–27', '2025–26']);
    });

    it('refuses a school year it has nothing for, and a filter that is not one, at the field', async () => {
      expect(await v.call(staff.chief, 'capacity', { year: '2019-07-01' })).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_input', field: 'year' } });
      expect(await v.call(staff.chief, 'capacity', { level: 'college' })).toMatchObject({ ok: false, status: 400, error: { field: 'level' } });
      expect(await v.call(staff.chief, 'capacity', { supervisorId: 'Sam' })).toMatchObject({ ok: false, status: 400, error: { field: 'supervisorId' } });
    });
  });

  describe('time in schools', () => {
    it('gives hours on site per supervisor from the weekly logs, and who is past their cadence', async () => {
      const page = await v.value<TimePage>(staff.chief, 'timeInSchools');
      expect(page.rows.map((r) => [r.supervisor.name, r.weeks, r.hours, r.done, r.cancelled])).toEqual([['Jordan Ellis', 1, 3.5, 2, 1], ['Sam Okafor', 1, 1, 1, 0]]);
      // Two visits are not enough for an honest share.
      expect(page.rows[0].withPrincipals).toEqual({ tooFew: 2 });
      expect(page.weeks).toEqual([{ weekStart: '2026-11-09', supervisors: 1, hours: 1 }, { weekStart: '2026-11-16', supervisors: 1, hours: 3.5 }]);
      expect(page.overdue).toEqual([expect.objectContaining({ name: 'Imani Carter', cadenceDays: 7, lastVisit: '2026-11-10', daysSince: 13 })]);
      expect(page.overdueBySupervisor.map((r) => [r.supervisor.name, r.onRoster, r.overdue])).toEqual([['Jordan Ellis', 8, 0], ['Sam Okafor', 7, 1]]);
    });
  });

  describe('CTA', () => {
    it('gives each quarter’s check-ins held on time against the schools expected, and goals off track two quarters running', async () => {
      const page = await v.value<CtaPage>(staff.chief, 'cta');
      expect(page.quarters[0]).toMatchObject({ quarter: 1, over: true, expected: 9, onTime: 1, late: 0, notHeld: 8, onTimeShare: { value: 1 / 9 } });
      expect(page.quarters[1]).toMatchObject({ quarter: 2, over: false, onTime: 3, onTimeShare: null });
      expect(page.offTrackTwice).toEqual([expect.objectContaining({ school: expect.objectContaining({ name: 'Lincoln Park Elementary' }), title: 'More grade 3 students reading at standard', quarters: [1, 2] })]);
      const lincoln = page.schools!.find((s) => s.school.name === 'Lincoln Park Elementary')!;
      expect(lincoln.goals[0].statuses).toEqual(['off_track', 'off_track', null, null]);
      expect(page.schools!.find((s) => s.school.name === 'Northgate Elementary')!.supervisor?.name).toBe('Sam Okafor');
    });

    it('opens each check-in’s original PDF, byte for byte as the supervisor’s Fieldbook made it', async () => {
      const page = await v.value<CtaPage>(staff.chief, 'cta');
      const cell = page.schools!.find((s) => s.school.name === 'Cedar Grove Elementary')!.quarters[1]!;
      const viewer = (await viewerFor(district().db, staff.chief.token, NOW))!;
      const file = await originalFile(v.ctx, viewer, new URL(cell.pdf!, 'http://district'));
      expect(file.ok).toBe(true);
      const pdf = (file as { value: { body: Buffer } }).value.body;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString()).toContain('Cedar Grove Elementary');
    });
  });

  describe('evaluations', () => {
    it('counts cycles by stage per supervisor from the rosters, and lists late stages', async () => {
      const page = await v.value<EvaluationsPage>(staff.chief, 'evaluations');
      const jordan = page.bySupervisor.find((r) => r.supervisor.name === 'Jordan Ellis')!;
      expect(jordan).toMatchObject({ leaders: 7, notStarted: 5, locked: 1, late: 1 });
      expect(jordan.byStage.find((s) => s.stage === page.stageNames[1])!.count).toBe(1);
      expect(page.late!.map((l) => l.name)).toEqual(expect.arrayContaining(['Darnell Brooks']));
      expect(new Set(page.late!.map((l) => l.name))).toEqual(new Set(['Darnell Brooks']));
      expect(page.late!.every((l) => l.dueDate < '2026-11-23' && l.daysLate > 0)).toBe(true);
    });

    it('lists the locked write-ups with their PDFs, and the ratings per framework element', async () => {
      const page = await v.value<EvaluationsPage>(staff.chief, 'evaluations');
      expect(page.locked!.map((l) => [l.name, l.supervisor.name])).toEqual([['Imani Carter', 'Sam Okafor'], ['Marisol Vega', 'Jordan Ellis']]);
      expect(page.locked!.every((l) => l.pdf?.startsWith('/files/'))).toBe(true);
      const element = page.ratings[0].elements[0];
      expect(element.counts.map((c) => [c.rating, c.count])).toEqual([[2, 1], [3, 1]]);
      expect(page.ratings[0].evaluations).toBe(2);
    });
  });

  describe('retention and succession', () => {
    it('counts risk and intent from every summary, and names only the records of the supervisor who consented', async () => {
      const page = await v.value<RetentionPage>(staff.chief, 'retention');
      expect(page.bySupervisor.map((r) => [r.supervisor.name, r.consent, r.leaders, r.byRisk.high, r.byIntent.leaving])).toEqual([['Jordan Ellis', 'named', 7, 1, 0], ['Sam Okafor', 'counts', 6, 1, 1]]);
      expect(page.district).toMatchObject({ leaders: 13, named: 1, countsOnly: 1 });
      const names = page.records!.map((r) => r.name);
      expect(names).toContain('Marisol Vega');
      for (const name of SAM_LEADERS) expect(names).not.toContain(name);
      expect(page.records!.find((r) => r.name === 'Marisol Vega')).toMatchObject({ risk: 'high', riskReason: 'Stretched thin', intent: 'unsure', followUpDue: '2026-12-04' });
    });

    it('puts a high-risk principal’s school beside the readiness of its named successors, and counts the rest', async () => {
      const page = await v.value<RetentionPage>(staff.chief, 'retention');
      expect(page.vacancy).toEqual([expect.objectContaining({
        school: expect.objectContaining({ name: 'Cedar Grove Elementary' }), principal: expect.objectContaining({ name: 'Marisol Vega' }), risk: 'high',
        successors: [expect.objectContaining({ name: 'Leah Goldberg', readiness: 'ready_now' })],
      })]);
      // Sam's principal who is leaving is a count only: Sam did not consent to names.
      expect(page.vacancyCounts).toEqual({ schools: 2, readyNow: 1, readySoon: 0, developingOnly: 0, noSuccessor: 1, withCounts: 2 });
    });
  });

  describe('a leader’s record', () => {
    it('follows one leader across supervisors and years for the chief', async () => {
      const record = await v.value<LeaderRecord>(staff.chief, 'leader', { leaderId: await leaderId('Marisol Vega') });
      expect(record.scope).toBe('all');
      const year = record.years.find((y) => y.year.label === '2026–27')!;
      expect(year.placements).toEqual([expect.objectContaining({ supervisor: expect.objectContaining({ name: 'Jordan Ellis' }), role: 'principal', supportTier: 'intensive' })]);
      expect(year.visits).toEqual([expect.objectContaining({ done: 1, lastVisit: '2026-11-17' })]);
      expect(year.ctaGoals.map((g) => [g.quarter, g.status])).toEqual([[2, 'on_track'], [2, 'at_risk'], [2, 'off_track']]);
      expect(year.evaluations).toEqual([expect.objectContaining({ lockedAt: expect.any(String), pdf: expect.stringMatching(/^\/files\//) })]);
      expect(year.evaluations[0].ratings.length).toBeGreaterThan(0);
      expect(year.retention).toEqual([expect.objectContaining({ risk: 'high', intent: 'unsure' })]);
    });

    it('finds leaders by name for the chief, and for a supervisor only their own', async () => {
      expect((await v.value<LeaderSearch>(staff.chief, 'findLeaders', { query: 'brooks' })).leaders.map((l) => l.name)).toEqual(['Darnell Brooks', 'Talia Brooks']);
      expect((await v.value<LeaderSearch>(staff.jordan, 'findLeaders', { query: 'brooks' })).leaders.map((l) => l.name)).toEqual(['Darnell Brooks']);
    });

    it('puts names in the screens’ order, an accented name with its letter, whatever the database’s collation', async () => {
      const names = (await v.value<LeaderSearch>(staff.chief, 'findLeaders', { query: 'example' })).leaders.map((l) => l.name);
      expect(names).toHaveLength(16);
      expect(names).toEqual([...names].sort(compareNames));
      expect(names.slice(0, 4)).toEqual(['Anh Nguyen', 'Darnell Brooks', 'Élodie Ibarra', 'Grace Lindqvist']);
    });
  });

  describe('an analyst', () => {
    const everyName = [...JORDAN_LEADERS, ...SAM_LEADERS];
    it('gets every page as counts only: no leader’s name anywhere in any answer, and small groups as “fewer than 5”', async () => {
      for (const page of PAGES) {
        for (const filter of [{}, { year: '2025-07-01' }, { level: 'elementary' }]) {
          const r = await v.call(staff.analyst, page, filter);
          expect(r.ok, `${page} ${JSON.stringify(filter)}`).toBe(true);
          const text = JSON.stringify(r);
          for (const name of everyName) expect(text, `${page} names ${name}`).not.toContain(name);
        }
      }
      const capacity = await v.value<CapacityPage>(staff.analyst, 'capacity');
      expect(capacity.caseloads.map((c) => c.principals)).toEqual([5, 'fewer than 5']);
      expect(capacity.unsupervised).toBeNull();
      const retention = await v.value<RetentionPage>(staff.analyst, 'retention');
      expect(retention.records).toBeNull();
      expect(retention.vacancy).toBeNull();
      expect(retention.bySupervisor[0].byRisk.high).toBe('fewer than 5');
      const evaluations = await v.value<EvaluationsPage>(staff.analyst, 'evaluations');
      expect([evaluations.late, evaluations.locked]).toEqual([null, null]);
      expect(evaluations.ratings[0].elements[0].counts.map((c) => c.count)).toEqual(['fewer than 5', 'fewer than 5']);
    });

    it('is refused, with a 403 and a plain message, every table that names leaders, a leader’s record, the search and the PDFs', async () => {
      for (const table of ALL_TABLES) {
        const r = await v.csv(staff.analyst, table, CSV_TABLES[table].page === 'leader' ? { leaderId: await leaderId('Marisol Vega') } : {});
        if (CSV_TABLES[table].named) expect([table, r.status, r.text]).toEqual([table, 403, expect.stringContaining('Analysts see counts')]);
        else {
          expect([table, r.status]).toEqual([table, 200]);
          for (const name of everyName) expect(r.text, `${table} names ${name}`).not.toContain(name);
        }
      }
      expect(await v.call(staff.analyst, 'leader', { leaderId: await leaderId('Marisol Vega') })).toMatchObject({ ok: false, status: 403, error: { code: 'forbidden' } });
      expect(await v.call(staff.analyst, 'findLeaders', { query: 'a' })).toMatchObject({ ok: false, status: 403 });
      const viewer = (await viewerFor(district().db, staff.analyst.token, NOW))!;
      const packageId = (await district().db.query<{ id: number }>(`SELECT package_id AS id FROM package_files WHERE media_type = 'application/pdf' LIMIT 1`)).rows[0].id;
      const name = (await district().db.query<{ name: string }>(`SELECT name FROM package_files WHERE package_id = $1 AND media_type = 'application/pdf'`, [packageId])).rows[0].name;
      expect(await originalFile(v.ctx, viewer, new URL(fileLink(packageId, name), 'http://district'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });

  describe('a supervisor', () => {
    it('sees the district’s copy of their own exports in full, and nobody else’s', async () => {
      const capacity = await v.value<CapacityPage>(staff.jordan, 'capacity');
      expect(capacity.caseloads.map((c) => c.supervisor.name)).toEqual(['Jordan Ellis']);
      expect(capacity.supervisors.map((s) => s.name)).toEqual(['Jordan Ellis']);
      const retention = await v.value<RetentionPage>(staff.jordan, 'retention');
      expect(retention.records!.map((r) => r.name)).toContain('Marisol Vega');
      for (const page of PAGES) {
        const text = JSON.stringify(await v.call(staff.jordan, page));
        for (const name of SAM_LEADERS) expect(text, `${page} shows ${name}`).not.toContain(name);
      }
      const record = await v.value<LeaderRecord>(staff.jordan, 'leader', { leaderId: await leaderId('Marisol Vega') });
      expect(record.scope).toBe('own');
    });

    it('is refused, with a 403, another supervisor’s exports: as a filter, a CSV, a leader’s record or a PDF', async () => {
      const sam = await supervisorId(SAM.supervisorEmail);
      for (const page of PAGES) expect(await v.call(staff.jordan, page, { supervisorId: sam }), page).toMatchObject({ ok: false, status: 403, error: { code: 'forbidden', field: 'supervisorId' } });
      for (const table of ALL_TABLES.filter((x) => CSV_TABLES[x].page !== 'leader')) expect([table, (await v.csv(staff.jordan, table, { supervisorId: sam })).status]).toEqual([table, 403]);
      expect((await v.csv(staff.jordan, 'leader-record', { leaderId: await leaderId('Imani Carter') })).status).toBe(403);
      expect(await v.call(staff.jordan, 'leader', { leaderId: await leaderId('Imani Carter') })).toMatchObject({ ok: false, status: 403 });
      const samsPdf = (await v.value<CtaPage>(staff.chief, 'cta')).schools!.find((s) => s.school.name === 'Northgate Elementary')!.quarters[1]!.pdf!;
      const viewer = (await viewerFor(district().db, staff.jordan.token, NOW))!;
      expect(await originalFile(v.ctx, viewer, new URL(samsPdf, 'http://district'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const ownPdf = (await v.value<CtaPage>(staff.jordan, 'cta')).schools!.find((s) => s.school.name === 'Cedar Grove Elementary')!.quarters[1]!.pdf!;
      expect(await originalFile(v.ctx, viewer, new URL(ownPdf, 'http://district'))).toMatchObject({ ok: true });
    });

    it('whose exports have not arrived sees empty pages, never everyone’s', async () => {
      for (const page of PAGES) {
        const r = await v.call(staff.nobody, page);
        expect(r.ok).toBe(true);
        const text = JSON.stringify(r);
        for (const name of [...JORDAN_LEADERS, ...SAM_LEADERS, 'Jordan Ellis', 'Sam Okafor']) expect(text, `${page} shows ${name}`).not.toContain(name);
      }
    });
  });

  describe('CSV downloads', () => {
    it('give every table the chief sees as a CSV that an independent parser reads, with the page’s figures', async () => {
      const marisol = await leaderId('Marisol Vega');
      const files = [];
      for (const table of ALL_TABLES) {
        const r = await v.csv(staff.chief, table, CSV_TABLES[table].page === 'leader' ? { leaderId: marisol } : {});
        expect([table, r.status]).toEqual([table, 200]);
        expect(r.filename).toMatch(/^fieldbook-district-[\w-]+\.csv$/);
        files.push(r.text);
      }
      readCsvs(files).forEach((rows, i) => {
        expect(rows.length, ALL_TABLES[i]).toBeGreaterThan(1);
        expect(new Set(rows.map((row) => row.length)).size, `${ALL_TABLES[i]}: every row as wide as the header`).toBe(1);
      });
      const caseloads = readCsv((await v.csv(staff.chief, 'caseloads')).text);
      expect(caseloads.slice(1).map((r) => [r[0], r[2]])).toEqual([['Jordan Ellis', '5'], ['Sam Okafor', '4']]);
      const offTrack = readCsv((await v.csv(staff.chief, 'cta-off-track')).text);
      expect(offTrack[1]).toEqual(['Lincoln Park Elementary', 'Jordan Ellis', 'More grade 3 students reading at standard', 'Q1 Q2']);
    });

    it('neutralise a cell a spreadsheet would run as a formula', async () => {
      const rows = readCsv((await v.csv(staff.chief, 'cta-goals')).text);
      const goal = rows.find((r) => r[3].includes('HYPERLINK'))!;
      expect(goal[3]).toBe(`'=HYPERLINK("http://example.invalid","attendance")`);
    });
  });

  // Last: it adds a third supervisor to the district the tests above count.
  describe('packages from an older Fieldbook', () => {
    it('are shown with what they hold, and the pages say what they lack', async () => {
      const { counts } = await ingestFolder(district().db, path.resolve(import.meta.dirname, 'fixtures/v1-packages/robin'), { channel: 'ingest', quarantineRoot: tempDir() });
      expect(counts.quarantined).toBe(0);
      const evaluations = await v.value<EvaluationsPage>(staff.chief, 'evaluations');
      expect(evaluations.rostersWithoutStages.map((s) => s.name)).toEqual(['Robin Diaz']);
      expect(evaluations.bySupervisor.find((r) => r.supervisor.name === 'Robin Diaz')).toMatchObject({ leaders: 7, notStarted: 6, locked: 1 });
      const retention = await v.value<RetentionPage>(staff.chief, 'retention');
      expect(retention.vacancyCounts.withCounts).toBe(2);
      expect(retention.bySupervisor.map((r) => r.supervisor.name)).toEqual(['Jordan Ellis', 'Robin Diaz', 'Sam Okafor']);
      for (const page of PAGES) {
        const text = JSON.stringify(await v.call(staff.analyst, page));
        for (const name of [...JORDAN_LEADERS, ...SAM_LEADERS]) expect(text, `${page} names ${name}`).not.toContain(name);
      }
    });
  });

}
