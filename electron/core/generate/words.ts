/**
 * Word lists for generated coaching notes, visits, next steps and plans: the vocabulary of
 * principal supervision (ILT, CTA, walkthroughs, feedback cycles, data meetings), in our own words.
 */
export const FIRST_NAMES = [
  'Marisol', 'Darnell', 'Anh', 'Patricia', 'Samuel', 'Keisha', 'Owen', 'Leah', 'Rosa', 'Imani', 'Tomás', 'Grace', 'Malik', 'Priya',
  'Elena', 'Jamal', 'Hannah', 'Luis', 'Nia', 'Victor', 'Mei', 'Andre', 'Fatima', 'Colin', 'Yesenia', 'Raymond', 'Alicia', 'Terrence',
  'Bianca', 'Kwame', 'Sofia', 'Derek', 'Amara', 'Hector', 'Lauren', 'Omar', 'Janelle', 'Felipe', 'Renee', 'Curtis',
] as const;
export const LAST_NAMES = [
  'Vega', 'Brooks', 'Nguyen', 'Okafor', 'Reyes', 'Thompson', 'Castillo', 'Goldberg', 'Delgado', 'Washington', 'Herrera', 'Kim',
  'Johnson', 'Patel', 'Morales', 'Carter', 'Lindqvist', 'Ortiz', 'Adeyemi', 'Chen', 'Ramirez', 'Foster', 'Haddad', 'Murphy', 'Santos',
  'Bell', 'Alvarez', 'Greene', 'Tran', 'Mendoza', 'Price', 'Nakamura', 'Rivera', 'Coleman', 'Ibarra', 'Walsh',
] as const;
export const PLACES = [
  'Cedar Grove', 'Lincoln Park', 'Mesa Verde', 'Harbor View', 'Riverbend', 'Juniper', 'Oak Hollow', 'Sunset Ridge', 'Maple Heights',
  'Eastlake', 'Willow Creek', 'Canyon', 'Bayside', 'Pine Valley', 'Hillcrest', 'Fairview', 'Granite', 'Northgate', 'Alder', 'Vista',
  'Meadowbrook', 'Stonebridge', 'Laurel', 'Brookside', 'Redwood', 'Clearwater', 'Highland', 'Sierra', 'Coral', 'Parkside',
] as const;
export const SCHOOL_SUFFIX = { elementary: 'Elementary', middle: 'Middle School', high: 'High School', span: 'Academy (K–8)' } as const;

export const GRADES = ['kindergarten', 'first grade', 'second grade', 'third grade', 'fourth grade', 'fifth grade', 'sixth grade',
  'seventh grade', 'eighth grade', 'ninth grade', 'algebra', 'English 10', 'biology', 'US history'] as const;
export const BLOCKS = ['the literacy block', 'math workshop', 'intervention time', 'the science lab', 'advisory', 'small-group rotations', 'the writing block'] as const;
export const TOPICS = [
  'interim assessment results', 'chronic absenteeism', 'exit tickets', 'the master schedule', 'the CTA reading goal', 'discipline referrals',
  'MTSS tier 2 groups', 'English learner progress', 'student discourse', 'standards-aligned tasks', 'the coaching cycle for novice teachers',
  'family conference turnout', 'the walkthrough look-fors', 'grade-level PLC norms', 'the budget for next year', 'substitute coverage',
  'restorative circles', 'the bell schedule', 'attendance outreach', 'ILT agenda and roles', 'hiring for open positions', 'the math benchmark',
] as const;

export const OPENERS = [
  'Walked {n} classrooms with {name} during {block}.',
  'Sat in on the {grade} team meeting about {topic}.',
  'Side-by-side with {name}: we looked at {topic} together.',
  'Observed {name} leading the ILT through {topic}.',
  'Started in the front office with {name}, then visited {grade} during {block}.',
  '{name} asked to spend the visit on {topic}.',
  'Quick check-in with {name} before the staff meeting on {topic}.',
  'Co-observed {grade} with {name} and the instructional coach.',
] as const;
export const OBSERVATIONS = [
  'Students in most rooms could say what they were learning and why.',
  'The learning target was posted but rarely referred to during the lesson.',
  'Teachers used exit tickets, yet few adjusted the next day’s plan from them.',
  'Student talk was strong in pairs; whole-class discussion drifted back to the teacher.',
  'Transitions took longer than planned and ate into independent practice.',
  'Small-group instruction was well organised and matched to the latest data.',
  'Two novice teachers are still working on routines for materials and movement.',
  'The ILT reviewed the CTA goal with real data, not impressions.',
  'Feedback from the last walkthrough showed up clearly in three classrooms.',
  'Attendance in the primary grades dipped again after the winter break.',
  'The team named one barrier honestly: common planning time keeps getting cancelled.',
  'Tasks were on grade level, but scaffolds did most of the thinking for students.',
  'Hallways were calm at passing time and adults were visible at the doors.',
  'Family engagement night had twice the turnout of last year.',
  'The master schedule leaves no protected intervention time for sixth grade.',
  'Grading practices differ widely across the department.',
] as const;
export const LEADER_MOVES = [
  '{name} gave specific, bite-sized feedback within the same day.',
  '{name} named the look-fors before we went in, which focused the debrief.',
  '{name} delegated the schedule rebuild to the AP and kept the coaching time.',
  '{name} is carrying most of the operations load alone and feels stretched.',
  '{name} tied every ILT agenda item back to the CTA goals.',
  '{name} used the data protocol well; teachers did most of the talking.',
  '{name} wants to calibrate walkthrough ratings with the assistant principal.',
  '{name} has not yet held the follow-up conversations from last month.',
  '{name} is building trust with a team that has had three principals in four years.',
  '{name} asked for help planning a hard conversation with a veteran teacher.',
] as const;
export const REFLECTIONS = [
  'We agreed the next step is narrower: one practice, every classroom, for two weeks.',
  'Next time I will model the debrief rather than describe it.',
  'This connects to the growth area we set in the fall.',
  'The evidence supports moving this standard up a level by mid-year.',
  'I want to see whether the change holds once the novelty wears off.',
  'The coaching move that worked was asking, not telling.',
  'We should bring this to the next CTA check-in with the ILT.',
  'Worth sharing with the other principals at the next network meeting.',
] as const;
export const NEXT_STEPS = [
  'Share walkthrough look-fors with the {grade} team',
  'Schedule the follow-up observation of the novice teachers',
  'Send the data protocol to the ILT before Thursday',
  'Draft the agenda for the next CTA check-in',
  'Protect common planning time on the master schedule',
  'Calibrate walkthrough ratings with the assistant principal',
  'Review attendance outreach calls with the office team',
  'Plan the conversation with the veteran teacher',
  'Pull interim assessment results by standard',
  'Observe {grade} during {block} together',
  'Bring family engagement numbers to the ILT',
  'Revisit the discipline referral data by grade',
] as const;
export const PURPOSES = [
  'Coaching on {topic}', 'Walkthrough: {topic}', 'ILT meeting on {topic}', 'Follow-up on {topic}', 'Feedback cycle: {topic}',
  'Evaluation observation: {topic}', 'Planning for {topic}',
] as const;
export const FOCUSES = ['Instructional leadership', 'Data-driven instruction', 'School culture', 'Teacher feedback', 'Operations', 'Family engagement', 'Talent and retention'] as const;
export const REASONS = ['School lockdown drill ran long', 'Principal called to a district meeting', 'Staff shortage that morning', 'Weather closure'] as const;
export const CTA_GOALS = [
  { title: 'Raise third-grade reading proficiency', focus: 'Teaching and Learning', measure: 'Students at or above benchmark', type: 'percentage' },
  { title: 'Cut chronic absenteeism', focus: 'School Culture and Restorative Communities', measure: 'Students missing 10% or more of days', type: 'percentage', direction: 'decrease' },
  { title: 'Grow math proficiency', focus: 'Data-driven Instruction', measure: 'Students meeting the math benchmark', type: 'percentage' },
  { title: 'Strengthen the ILT', focus: 'Instructional Leadership', measure: 'ILT rubric level', type: 'text' },
  { title: 'Bring families into learning', focus: 'Family and Community Engagement', measure: 'Families at conferences', type: 'number', unit: 'families' },
  { title: 'Keep strong teachers', focus: 'Operations and Talent', measure: 'Teachers returning next year', type: 'percentage' },
] as const;
export const CTA_ACTIONS = ['Weekly data meetings by grade', 'Attendance team calls every absent family', 'Coaching cycles for new teachers',
  'Monthly family learning nights', 'ILT walkthroughs with shared look-fors', 'Intervention block protected on the schedule'] as const;
export const CTA_ADDENDA = [
  'Correction: the attendance figure came from the September report, not October. The status stands.',
  'The district released the final interim results after the meeting: two points higher than the preliminary number.',
  'The counselor attended for the second half of the meeting and should be listed as present.',
  'Follow-up: the ILT agreed by email to move the reading data meeting to Tuesdays.',
  'The family engagement count now includes the Saturday conferences, which were held after this check-in.',
] as const;
export const ILT_ROLES = ['Principal', 'Assistant principal', 'Instructional coach', 'Grade-level lead', 'Counselor', 'Special education lead', 'Parent representative'] as const;
export const EVAL_GOALS = ['Lead a data cycle every six weeks', 'Give every teacher written feedback monthly', 'Build a distributed ILT', 'Reduce referrals through restorative practice'] as const;
export const STRENGTHS = ['Builds trust with staff quickly', 'Clear instructional vision', 'Calm in a crisis', 'Strong family relationships', 'Uses data to focus the team'] as const;
export const GROWTH_AREAS = ['Delegating operations', 'Holding hard conversations', 'Following up on feedback', 'Protecting time for instruction'] as const;
export const STYLES = ['Prefers written agendas ahead of time', 'Thinks out loud; needs time to process', 'Direct and brief by email', 'Likes to see the data first'] as const;
