/**
 * Why a package was not loaded, in words the district's IT can act on. `code` is stable for
 * programs (docs/district.md lists them); `field` names the file or field when there is one.
 */
export class PackageRefused extends Error {
  constructor(readonly code: string, message: string, readonly field?: string) {
    super(message);
    this.name = 'PackageRefused';
  }
}

export interface Refusal {
  code: string;
  message: string;
  field?: string;
}

export const refusalOf = (err: PackageRefused): Refusal => ({ code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) });
