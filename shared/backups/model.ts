export const BACKUP_KINDS = ['daily', 'weekly', 'manual', 'before-restore', 'before-upgrade'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** One backup file Fieldbook made in its backups folder. */
export interface BackupFile {
  /** Full path: what restoreBackup takes. */
  file: string;
  name: string;
  kind: BackupKind;
  /** When it was made (ISO timestamp, from the file). */
  createdAt: string;
  sizeBytes: number;
  encrypted: boolean;
  /** Its place in the order backups were made here (null: made before Fieldbook kept the order, or elsewhere). */
  sequence: number | null;
}

export interface BackupSettings {
  keepDaily: number;
  keepWeekly: number;
}

export interface BackupOverview {
  folder: string;
  backups: BackupFile[];
  /** The automatic backup taken when Fieldbook started: null if none was due. */
  lastAutomatic: { ok: boolean; message: string } | null;
  /** The data file's own check (null when Fieldbook has no data file, as in tests). */
  dataFile: DataFileCheck | null;
  /** Set when a backup is dated after the computer's clock: the clock is probably wrong. */
  clockWarning: string | null;
  /** What the start found of a restore that was interrupted (finished or undone), this session only. */
  restoreNotice: string | null;
}

/** Whether the data file has been read end to end and found sound (see README "If Fieldbook says your data is damaged"). */
export interface DataFileCheck {
  /** checking: opened after a clean shutdown, being read in the background. */
  state: 'checking' | 'sound' | 'damaged';
  /** When the whole file was last read and found sound. */
  lastFullRead: string;
  /** What to do, when damaged. */
  problem: string | null;
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** Where the data that was open before the restore was kept. */
  previousKeptAt: string;
}
