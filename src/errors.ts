import { randomBytes } from 'node:crypto';

/** A problem the user can fix: shown as is, with the next step. */
export class UserError extends Error {
  constructor(message: string, readonly nextStep?: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Short id that ties "internal error, ref X" in chat to the full log line. */
export function errorRef(): string {
  return randomBytes(4).toString('hex');
}
