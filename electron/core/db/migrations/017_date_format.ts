/**
 * The supervisor's date and time format, as data: set at the first start to this computer's
 * regional format and changed in Settings, so a locked record's PDF reads (and hashes) the same
 * whichever computer or session renders it again. NULL (a data file from before): this computer's,
 * until the profile is next saved.
 */
export default `
-- A BCP 47 locale such as en-US or en-GB.
ALTER TABLE settings ADD COLUMN locale TEXT CHECK (locale IS NULL OR length(locale) BETWEEN 2 AND 35);
`;
