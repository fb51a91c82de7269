/** A leadership framework as Settings and the tag picker see it. */
export interface FrameworkInfo {
  id: string;
  name: string;
  source: string;
  version: string;
  description: string | null;
  /** Shipped with Fieldbook (true) or imported by the district (false). */
  builtin: boolean;
  /** Offered for tagging notes and visits. */
  active: boolean;
  importedAt: string;
  elements: { id: string; title: string; description: string }[];
}
