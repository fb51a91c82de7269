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
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** Where the data that was open before the restore was kept. */
  previousKeptAt: string;
}
