import type { Table } from '../../../shared/api';
import type { RiskJudgement } from '../../../shared/retention/model';
import { RISK_LEVEL_LABELS } from '../../../shared/retention/vocabulary';
import { formatDate } from '../../format';

/** What retention screens read: a change to any of these can move a signal or a follow-up. */
export const RETENTION_TABLES: readonly Table[] = ['retention', 'action_items', 'visits', 'assignments', 'leaders', 'schools', 'cta_goal_updates', 'sync_targets', 'settings'];

export const riskLine = (r: RiskJudgement | null): string =>
  r ? `${RISK_LEVEL_LABELS[r.level]} risk, judged ${formatDate(r.date)}: ${r.reason}` : 'Not judged yet';
