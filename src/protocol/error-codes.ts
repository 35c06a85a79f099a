/**
 * Error codes carried by error frames and JSON error bodies (`code`). Each dialect wraps them in its
 * own shape (`{type:"ERROR", code, message}` on StreamIt sockets, `{type:"error", error}` on
 * Wiperino's), but the codes are one catalogue.
 */
export const ErrorCode = {
  /** The frame is not valid JSON. */
  BAD_JSON: 'BAD_JSON',
  /** The frame's `type` is unknown on this endpoint. */
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  /** The frame's fields failed validation. */
  INVALID_FRAME: 'INVALID_FRAME',
  /** The sender may not do this. */
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  /** Rate limit or cooldown. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The target does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** Unexpected server error (details are logged, not sent). */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];
