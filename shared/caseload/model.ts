import type { ChangeFeed } from '../define';
import type { DisplayFormat } from '../format';
import type { LeaderRole, LeaderStatus, NeedTier, SchoolLevel, SupportTier } from '../vocabulary';

/** What the core returns: plain data, ISO date strings. */

export interface Settings {
  supervisorName: string;
  /** null: a profile saved before Fieldbook asked for it. */
  supervisorEmail: string | null;
  district: string;
  targetRatio: number;
  schoolYearStartMonth: number;
  /** The zone of calendar times and signature times, set at the first save to this computer's; null (a data file from before): this computer's, until the profile is next saved. */
  timeZone: string | null;
  /** The locale dates and times are written in (set at the first start); null: this computer's. */
  locale: string | null;
}

/** Settings as the screens get them: with how dates and times are written for this supervisor. */
export interface SettingsView extends Settings {
  display: DisplayFormat;
}

export interface School {
  id: number;
  name: string;
  level: SchoolLevel;
  needTier: NeedTier;
  districtCode: string | null;
}

export interface Leader {
  id: number;
  name: string;
  role: LeaderRole;
  schoolId: number | null;
  roleStartDate: string;
  email: string | null;
  status: LeaderStatus;
}

export interface Assignment {
  id: number;
  leaderId: number;
  supportTier: SupportTier;
  cadenceDays: number;
  startDate: string;
  endDate: string | null;
}

/** One leader on the caseload, with what the list and the leader page show. */
export interface CaseloadEntry {
  leader: Leader;
  school: School | null;
  /** null when the leader is known but not (or no longer) on this supervisor's caseload. */
  assignment: Assignment | null;
  yearsInRole: number;
  newInRole: boolean;
}

export interface CaseloadRatio {
  principals: number;
  assistantPrincipals: number;
  aspiring: number;
  target: number;
  /** principals above the target; 0 at or under it. */
  overTarget: number;
}

export interface Caseload {
  today: string;
  entries: CaseloadEntry[];
  ratio: CaseloadRatio;
}

export type RosterRowStatus = 'new' | 'duplicate' | 'error';

export interface RosterRowPreview {
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  name: string;
  email: string | null;
  schoolName: string;
  status: RosterRowStatus;
  /** What happens to the school: created, matched to one already in Fieldbook, or none (aspiring leader). */
  school: 'new' | 'existing' | 'none';
  /** The start date as typed, and as Fieldbook read it (ISO), so the preview can show both. */
  roleStartDate: { typed: string; read: string | null };
  errors: { field: string; message: string }[];
}

export interface RosterPreview {
  rows: RosterRowPreview[];
  /** Problems with the file as a whole (missing columns, empty file). */
  fileErrors: string[];
  /** How the file was read, for the person to check (its separator, which way round its dates are). */
  notices: string[];
  counts: { new: number; duplicate: number; error: number; newSchools: number };
}

export interface RosterImportResult {
  leadersAdded: number;
  schoolsAdded: number;
  skippedDuplicates: number;
}

export interface AppStatus {
  exportsWaiting: number;
  dataDir: string;
  mode: 'electron' | 'browser';
  /** When a sync target last acknowledged an export. */
  lastSyncedAt: string | null;
  /** offline: no enabled sync target answered its last try. */
  connection: 'not_set_up' | 'online' | 'offline' | 'unknown';
  /** A sync target has stopped or needs its password again: the person must act. */
  needsAttention: boolean;
  /** The background check of the open data file found damage: what to do about it. */
  dataFileProblem: string | null;
  /** Fieldbook is locked (by this window or another): the window shows the lock screen. */
  locked: boolean;
  /** Something the start did that the person should know of (an interrupted restore finished or undone). */
  notice: string | null;
  /** What has changed, so a window reloads what another window changed. */
  changes: ChangeFeed;
}

export interface CsvFile {
  filename: string;
  csv: string;
}
