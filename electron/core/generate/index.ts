import { AppError } from '../../../shared/result';
import { isoDate } from '../../../shared/schoolYear';
import { DEFAULT_SCHOOL_YEAR_START_MONTH } from '../../../shared/vocabulary';
import type { CoreContext } from '../context';
import { syncBuiltinFrameworks } from '../services/settings/frameworks';
import { type GenContext, schoolYears } from './context';
import { generateCta } from './cta';
import { generateDistrict } from './district';
import { generateEvaluations } from './evaluations';
import { seeded } from './random';
import { generateRetention } from './retention';
import { SIZES, type SizeName } from './sizes';
import { generateVisits } from './visits';

export { SIZES, SIZE_NAMES, isSizeName, type SizeName } from './sizes';

/** Bumped whenever the same seed builds different data, so cached benchmark sets are rebuilt. */
export const GENERATOR_VERSION = 4;

export interface GenerateOptions {
  size: SizeName;
  seed?: number;
  /** The day the data leads up to (default: the context's today). Same seed and day: same data. */
  today?: string;
  progress?: (message: string) => void;
}

export interface GenerateReport {
  size: SizeName;
  seed: number;
  today: string;
  years: number;
  counts: Record<string, number>;
  seconds: number;
  /** Seconds each step took, by its name in STEPS. */
  steps: Record<string, number>;
}

/**
 * What a generation step adds after the caseload exists. Steps run in order, each in its own
 * transactions.
 *
 * EXTENSION POINT: a new domain adds its step here (and nowhere else), next to cta.ts, reading
 * g.holdings and g.years like the others.
 */
export const STEPS: readonly { name: string; run: (g: GenContext) => void }[] = [
  { name: 'visits, notes, tags and next steps', run: generateVisits },
  { name: 'CTA plans and check-ins', run: generateCta },
  { name: 'evaluation cycles', run: generateEvaluations },
  { name: 'retention conversations and succession', run: generateRetention },
];

/** Frameworks notes and visits are tagged with: mostly PSEL, some of the district's other two. */
const TAGGED = ['psel-2015', 'psel-2015', 'psel-2015', 'wallace-pipeline', 'plas-implementation'];

/**
 * Fill an empty Fieldbook with a generated district of the given size (see sizes.ts), writing
 * through plain SQL in transactions. Full-text search stays consistent through migration 004's
 * triggers. Refuses a Fieldbook that already has a profile, schools or leaders.
 */
export function generateDistrictData(ctx: CoreContext, options: GenerateOptions): GenerateReport {
  const { db } = ctx;
  const started = performance.now();
  const filled = db.prepare(`SELECT (SELECT count(*) FROM settings) + (SELECT count(*) FROM schools) + (SELECT count(*) FROM leaders)`).pluck().get() as number;
  if (filled > 0) throw new AppError('not_empty', 'Generated data can only go into an empty Fieldbook; this one already has a profile, schools or leaders.');
  syncBuiltinFrameworks(ctx);
  const today = options.today ?? isoDate(ctx.now());
  const seed = options.seed ?? 1;
  const size = SIZES[options.size];
  const elements = db
    .prepare(`SELECT framework_id AS frameworkId, element_id AS elementId FROM framework_elements WHERE framework_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(TAGGED)) as GenContext['elements'];
  const weighted = elements.flatMap((e) => Array(TAGGED.filter((f) => f === e.frameworkId).length).fill(e));
  const g: GenContext = {
    db, r: seeded(seed), core: { ...ctx, now: () => new Date(`${today}T12:00:00`) }, today, startMonth: DEFAULT_SCHOOL_YEAR_START_MONTH,
    years: schoolYears(today, DEFAULT_SCHOOL_YEAR_START_MONTH, size.years), holdings: [], schools: [], elements: weighted, counts: {},
    progress: options.progress ?? (() => {}),
  };
  generateDistrict(g, size.slots);
  g.progress(`caseload: ${g.counts.schools} schools, ${g.counts.leaders} leaders`);
  const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
  const steps: Record<string, number> = {};
  for (const step of STEPS) {
    const at = performance.now();
    step.run(g);
    steps[step.name] = seconds(at);
  }
  g.counts.audit_log = db.prepare(`SELECT count(*) FROM audit_log`).pluck().get() as number;
  // Statistics for the query planner, as a database that has been in use gets from PRAGMA optimize.
  db.exec('ANALYZE');
  return { size: options.size, seed, today, years: size.years, counts: g.counts, seconds: seconds(started), steps };
}
