/**
 * Which close codes end a real-time connection for good. These mean "you may not be here" (bad token,
 * unknown room, banned, kicked, revoked capability): reconnecting would only be refused again.
 * Everything else (1001 server restart, 1006 dropped network, 4100 slow consumer, 4101 missed
 * heartbeat, 1011 server error, ...) is worth another try after a backoff.
 */
import { CloseCode } from '../../../src/protocol/close-codes.js';

const TERMINAL: ReadonlySet<number> = new Set<number>([
  CloseCode.UNAUTHENTICATED,
  CloseCode.ROOM_NOT_FOUND,
  CloseCode.NOT_ALLOWED,
  CloseCode.GONE,
  CloseCode.ROOM_INACTIVE,
  CloseCode.BANNED,
  CloseCode.REMOVED,
  CloseCode.INVALID_CAPABILITY,
]);

/** True when a socket closed with `code` should be reopened. */
export function shouldReconnect(code: number): boolean {
  return !TERMINAL.has(code);
}

/** A short human explanation of a terminal close code, for status lines. */
export function describeCloseCode(code: number): string {
  switch (code) {
    case CloseCode.UNAUTHENTICATED:
      return 'Your session has expired. Please sign in again.';
    case CloseCode.ROOM_NOT_FOUND:
      return 'This room does not exist.';
    case CloseCode.NOT_ALLOWED:
      return 'You are not allowed to join.';
    case CloseCode.GONE:
      return 'This room is no longer available.';
    case CloseCode.ROOM_INACTIVE:
      return 'This room is closed.';
    case CloseCode.BANNED:
      return 'You are banned from this room.';
    case CloseCode.REMOVED:
      return 'You were removed from this room.';
    case CloseCode.INVALID_CAPABILITY:
      return 'This link is invalid or has been revoked.';
    default:
      return 'Connection lost.';
  }
}
