/** A leader's professional goal can serve one of their school's CTA goals for the same year. */
export default `
ALTER TABLE evaluation_entries ADD COLUMN cta_goal_id INTEGER REFERENCES cta_goals(id);
CREATE INDEX evaluation_entries_cta_goal ON evaluation_entries(cta_goal_id) WHERE cta_goal_id IS NOT NULL;
`;
