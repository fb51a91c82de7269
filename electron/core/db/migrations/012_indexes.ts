/**
 * Indexes for a decade of notes (issue 9's benchmark and query-plan test):
 * - a framework tag's notes and visits straight from one (covering) index, for search filtered by tag;
 * - a cycle's stages not yet complete, for the dashboard's evaluation deadlines.
 */
export default `
CREATE INDEX tags_element_sources ON tags(framework_id, element_id, note_id, visit_id);
CREATE INDEX evaluation_stages_open ON evaluation_stages(due_date, cycle_id) WHERE completed_date IS NULL;
`;
