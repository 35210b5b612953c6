// Journal errors: a stable code per failure kind, and the corruption error that names file and byte offset.
// Leaf module: no imports.

export const JournalErrorCode = {
  /** A file is damaged somewhere other than a torn tail; start-up must stop. */
  CORRUPT: 'FL_JOURNAL_CORRUPT',
  /** A write or fsync failed; the journal refuses every further append. */
  FAILED: 'FL_JOURNAL_FAILED',
  /** The journal is closing or closed. */
  CLOSED: 'FL_JOURNAL_CLOSED',
  /** A method was called in the wrong lifecycle state (e.g. append before replay). */
  STATE: 'FL_JOURNAL_STATE',
  /** A payload longer than MAX_PAYLOAD_BYTES, or a record type outside 1..255. */
  INVALID_RECORD: 'FL_JOURNAL_INVALID_RECORD',
} as const;
export type JournalErrorCode = (typeof JournalErrorCode)[keyof typeof JournalErrorCode];

export class JournalError extends Error {
  readonly code: JournalErrorCode;
  constructor(code: JournalErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[${code}] ${message}`, options);
    this.name = 'JournalError';
    this.code = code;
  }
}

/** Damage that is not a torn tail. Never recovered from automatically: that would silently drop records. */
export class JournalCorruptError extends JournalError {
  readonly file: string;
  readonly offset: number;
  readonly reason: string;
  constructor(file: string, offset: number, reason: string) {
    super(
      JournalErrorCode.CORRUPT,
      `journal file ${file} is corrupt at byte offset ${offset}: ${reason}. ` +
        'Start-up stopped so that no acknowledged record is lost silently; ' +
        'inspect a copy of the file and, only if losing what follows is acceptable, truncate it to that offset.',
    );
    this.name = 'JournalCorruptError';
    this.file = file;
    this.offset = offset;
    this.reason = reason;
  }
}
