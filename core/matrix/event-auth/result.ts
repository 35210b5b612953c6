// Auth outcomes: the public result type and the internal rejection thrown by value readers.

export type AuthResult = { ok: true } | { ok: false; reason: string };

export const ALLOW: AuthResult = Object.freeze({ ok: true });

export function deny(reason: string): AuthResult {
  return { ok: false, reason };
}

/**
 * Thrown (never escapes `checkAuth`) when a power-level value already in the room state cannot be read
 * under this room version's rules. A plain class, not an `Error`: no stack is captured, so throwing it
 * costs little. Readers throw it because every caller would otherwise have to thread a third outcome
 * through arithmetic comparisons, where a NaN silently compares false (= "allowed").
 */
export class AuthRejection {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}
