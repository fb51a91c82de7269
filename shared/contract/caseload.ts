import type {
  AppStatus, Caseload, CaseloadEntry, CsvFile, Leader, RosterImportResult, RosterPreview, School, Settings,
} from '../model';
import * as s from '../schemas';
import { mutation, query } from './define';

/** The foundation's calls: status, profile, schools, leaders, the caseload and the roster. */
export const caseloadCalls = {
  getStatus: query<AppStatus>()(s.noInput),
  getSettings: query<Settings | null>()(s.noInput),
  saveSettings: mutation<Settings>()(s.settingsInput, ['settings']),
  loadDemoData: mutation<{ schools: number; leaders: number }>()(s.noInput, ['settings', 'schools', 'leaders', 'assignments']),

  listSchools: query<School[]>()(s.noInput),
  addSchool: mutation<School>()(s.schoolInput, ['schools']),
  updateSchool: mutation<School>()(s.updateSchoolInput, ['schools']),

  getCaseload: query<Caseload>()(s.noInput),
  getLeader: query<CaseloadEntry>()(s.leaderRef),
  listUnassignedLeaders: query<Leader[]>()(s.noInput),
  addLeader: mutation<Leader>()(s.addLeaderInput, ['leaders', 'assignments']),
  updateLeader: mutation<Leader>()(s.updateLeaderInput, ['leaders', 'assignments']),
  assignLeader: mutation<CaseloadEntry>()(s.assignLeaderInput, ['assignments']),
  unassignLeader: mutation<CaseloadEntry>()(s.leaderRef, ['assignments']),

  previewRoster: query<RosterPreview>()(s.rosterCsvInput),
  importRoster: mutation<RosterImportResult>()(s.rosterCsvInput, ['schools', 'leaders', 'assignments']),
  exportCaseloadCsv: query<CsvFile>()(s.noInput),
} as const;
