import type { CaseloadRatio } from '../../../shared/caseload/model';
import { ratioDetail, ratioHeadline, ratioWarning } from '../../format';

/** The caseload ratio in words and numbers, with a warning above target. */
export function RatioBanner({ ratio }: { ratio: CaseloadRatio }) {
  const warning = ratioWarning(ratio);
  return (
    <section className={warning ? 'ratio ratio-over' : 'ratio'} aria-label="Caseload ratio">
      <p className="ratio-headline">{ratioHeadline(ratio)}</p>
      <p>{ratioDetail(ratio)}</p>
      {warning && <p className="ratio-warning" role="status"><strong>Above target:</strong> {warning}</p>}
    </section>
  );
}
