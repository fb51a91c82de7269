/**
 * Closes two gaps in the guards of finalised records: a row of an open CTA check-in could be moved
 * into a finalised one, and a next step into a locked evaluation's support plan (or out of it by
 * rewriting columns the first guard did not list). Nothing in the app does either; these make sure
 * nothing can.
 */
const FINAL = `SELECT RAISE(ABORT, 'This check-in is finalised and cannot be changed; add an addendum instead')`;
const moveGuard = (table: string) => `
CREATE TRIGGER ${table}_final_move BEFORE UPDATE OF checkin_id ON ${table}
  WHEN (SELECT finalised_at FROM cta_checkins WHERE id = NEW.checkin_id) IS NOT NULL
  BEGIN ${FINAL}; END;`;
const LOCKED = (entry: string) => `(SELECT c.locked_at FROM evaluation_entries e JOIN evaluation_cycles c ON c.id = e.cycle_id WHERE e.id = ${entry}) IS NOT NULL`;

export default `
${moveGuard('cta_attendees')}
${moveGuard('cta_goal_updates')}
${moveGuard('cta_next_steps')}
CREATE TRIGGER action_items_locked_move BEFORE UPDATE ON action_items
  WHEN NEW.evaluation_entry_id IS NOT NULL AND ${LOCKED('NEW.evaluation_entry_id')}
    AND (OLD.evaluation_entry_id IS NOT NEW.evaluation_entry_id OR OLD.visit_id IS NOT NEW.visit_id OR OLD.retention_conversation_id IS NOT NEW.retention_conversation_id)
  BEGIN SELECT RAISE(ABORT, 'evaluation_locked: this evaluation is locked; add a dated addendum instead'); END;
`;
