import type { RetentionFactor, RiskLevel } from '../../../shared/retention/vocabulary';

/**
 * What generated retention conversations say: threats to a principal's sustainability and what
 * would help, by factor, and the supervisor's notes and reasons for a risk judgement. Our own
 * words for the ideas of proactive stay conversations and individual plans of support.
 */
export const THREATS: Record<RetentionFactor, readonly string[]> = {
  workload: [
    'Twelve-hour days most weeks; the operations paperwork eats the evenings.',
    'Covering classes and lunch duty while two positions stay unfilled.',
    'No time to coach teachers: the day goes to discipline and compliance reports.',
  ],
  compensation: [
    'A neighbouring district pays noticeably more for the same role.',
    'The stipend for the extended year was cut and it stings.',
  ],
  family: [
    'A parent needs more care and the commute leaves no slack.',
    'Misses most of their own children’s evening games and concerts.',
  ],
  career_growth: [
    'Has been asked to apply for a central-office director post.',
    'After several years in one school, wants to grow beyond it.',
  ],
  school_context: [
    'Enrolment is falling and the staff fear a merger.',
    'A hard year on climate: referrals up and two veteran teachers resisting the schedule change.',
  ],
  district_support: [
    'Feels decisions about the school are made without them.',
    'Says district initiatives arrive faster than the school can absorb them.',
  ],
  other: ['Considering a move out of state next year.'],
};

export const HELPS: Record<RetentionFactor, readonly string[]> = {
  workload: [
    'Move the attendance and compliance reports to the office manager.',
    'Protect two afternoons a week for classroom visits, with the AP covering operations.',
  ],
  compensation: ['Check the extended-year stipend with HR before budget season.'],
  family: ['Keep Thursday evenings free of district meetings.', 'Flexible start on two mornings a week.'],
  career_growth: [
    'Lead the new-principal mentoring group in the network.',
    'Take a strategic project with the network alongside the principalship.',
  ],
  school_context: ['A coach for the school climate work through the spring.', 'Talk through the enrolment plan with the family engagement team.'],
  district_support: ['A standing voice at the principals’ advisory group.', 'Fewer initiatives this year: agree which two matter most.'],
  other: ['Talk again after the winter break about what the move would mean.'],
};

export const CONVERSATION_NOTES = [
  'Talked about what keeps them in the work: the staff they hired and the progress on the CTA reading goal.',
  'Open conversation; they appreciated being asked directly about next year.',
  'Energy is good, but the strain of the year shows. We agreed to revisit in a few weeks.',
  'They named the team as the reason to stay and the hours as the reason to go.',
  'Asked what a sustainable week would look like; drafted one together.',
  'Mentioned the conversation with the other district unprompted, which I took as a good sign of trust.',
] as const;

export const EXIT_NOTES = [
  'Leaving at the end of the year for a role closer to family. Wants the transition to protect the ILT’s work.',
  'Has accepted a director post. Offered to mentor the successor through the summer.',
  'Leaving the district. Reasons given: workload and distance. Asked that the exit interview inform support for new principals.',
] as const;

export const RISK_REASONS: Record<RiskLevel, readonly string[]> = {
  low: ['Committed to the school; the strains are ones we can work on', 'Settled and growing; no sign of looking elsewhere'],
  medium: ['Open to staying if the workload eases', 'Being approached by other districts; staying depends on growth here'],
  high: ['Said they are unlikely to return next year', 'Actively interviewing elsewhere'],
};

export const SUPPORT_ACTIONS = [
  'Meet with HR about the stipend',
  'Reassign the compliance reports to the office manager',
  'Introduce them to the network mentoring lead',
  'Block two coaching afternoons on the calendar',
  'Bring the workload concern to the area superintendent',
  'Check in by phone after the board meeting',
] as const;

export const SUCCESSOR_NOTES = [
  'Leads the ILT’s data cycle; ready for a residency placement.',
  'Strong with families; needs more practice with budget and master scheduling.',
  'In the aspiring leaders cohort; runs the attendance team.',
  '',
] as const;
