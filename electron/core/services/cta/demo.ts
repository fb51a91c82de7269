import { quarterRange } from '../../../../shared/cta/vocabulary';
import { type CoreContext, timestamp, today } from '../../context';
import { addNextStep, openCtaCheckIn, saveAttendees, saveGoalUpdate } from './checkins';
import { createPlan, saveGoal } from './plans';
import { snapshotSummary } from './summary';

type DemoGoal = Parameters<typeof saveGoal>[1];

const GOALS = (planId: number): DemoGoal[] => [
  { planId, title: 'More grade 3 students reading at standard', focusArea: 'Teaching and Learning', measure: 'Grade 3 students at or above standard on the interim reading assessment', measureType: 'percentage', unit: '', direction: 'increase', dataSource: 'District interim reading assessment', baseline: '38', benchmark: '44', target: '50' },
  { planId, title: 'Fewer chronically absent students', focusArea: 'School Culture and Restorative Communities', measure: 'Students missing 10% or more of school days', measureType: 'percentage', unit: '', direction: 'decrease', dataSource: 'Attendance system', baseline: '22', benchmark: '18', target: '15' },
  { planId, title: 'Teacher teams run data cycles', focusArea: 'Data-driven Instruction', measure: 'Data cycles completed by grade-level teams', measureType: 'number', unit: 'cycles', direction: 'increase', dataSource: 'ILT minutes', baseline: '0', benchmark: '3', target: '6' },
];

/**
 * A CTA for the demo's first two schools this school year, and, once the first quarter is over,
 * a held and finalised Q1 check-in for the first, so the trends, the dashboard and the next
 * check-in's carry-forward have something to show. Demo records are never queued for export.
 */
export function loadDemoCta(ctx: CoreContext, schoolIds: number[]): void {
  const plans = schoolIds.slice(0, 2).map((schoolId) => createPlan(ctx, { schoolId }));
  for (const plan of plans) for (const goal of GOALS(plan.id)) saveGoal(ctx, goal);
  const day = today(ctx);
  const q1 = quarterRange(plans[0].schoolYear.start, 1);
  if (day <= q1.end) return;
  const date = `${q1.end.slice(0, 8)}20`;
  const checkIn = openCtaCheckIn(ctx, { planId: plans[0].id, date });
  saveAttendees(ctx, { checkinId: checkIn.id, attendees: [{ name: 'Marisol Vega', role: 'Principal' }, { name: 'Dana Ruiz', role: 'Grade 3 lead' }, { name: 'Luis Ortega', role: 'Counselor' }] });
  const [reading, attendance, cycles] = checkIn.goals.map((g) => g.id);
  const update = (goalId: number, value: string, status: 'on_track' | 'at_risk' | 'off_track', reflection: string) =>
    saveGoalUpdate(ctx, { checkinId: checkIn.id, goalId, value, valueDate: date, status, reflection });
  update(reading, '41', 'on_track', 'Small-group guided reading is in place in every grade 3 room.');
  update(attendance, '21', 'at_risk', 'Family outreach started late; the attendance team meets weekly now.');
  update(cycles, '1', 'off_track', 'Teams ran one cycle; protected time for the second fell through.');
  addNextStep(ctx, { checkinId: checkIn.id, goalId: attendance, description: 'Call families of students with 3+ absences every Friday', owner: 'Luis Ortega', dueDate: null });
  addNextStep(ctx, { checkinId: checkIn.id, goalId: cycles, description: 'Protect Wednesday PLC time for data cycles', owner: 'Marisol Vega', dueDate: null });
  snapshotSummary(ctx, checkIn.id, timestamp(ctx));
}
