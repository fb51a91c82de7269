/** What crosses every process boundary: a value, or an error the UI can show next to a field. */
export interface AppErrorShape {
  code: string;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** A failure a person can act on: thrown by services, returned to the UI as { ok: false }. */
export class AppError extends Error implements AppErrorShape {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
