/**
 * The supervisor's work email, part of the profile: every export carries it so the district can
 * join one supervisor's packages across laptops. Profiles saved before it stay without one (NULL)
 * until the supervisor adds it in Settings.
 */
export default `
ALTER TABLE settings ADD COLUMN supervisor_email TEXT CHECK (supervisor_email IS NULL OR length(supervisor_email) BETWEEN 3 AND 320);
`;
