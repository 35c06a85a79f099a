/**
 * The one catalogue of WebSocket close codes. 4001-4011 keep StreamIt's meanings on `ws/room/...`
 * (its clients switch on them); the lobby socket reuses 4001/4003/4004 as the Premium Chat Lobby did.
 * Codes from 4100 are Roomful's own. No Node imports: the web app shares this file.
 */
export const CloseCode = {
  /** Normal close. */
  NORMAL: 1000,
  /** The server is shutting down (graceful shutdown); clients reconnect to another process. */
  GOING_AWAY: 1001,
  /** A frame broke the protocol (binary frame where JSON text is expected, and the like). */
  UNSUPPORTED_DATA: 1003,
  /** The client broke a policy (inbound flood). */
  POLICY_VIOLATION: 1008,
  /** A frame larger than WS_MAX_PAYLOAD. */
  MESSAGE_TOO_BIG: 1009,
  /** An unexpected server error while serving the socket. */
  INTERNAL_ERROR: 1011,
  /** No token, or a bad or expired one (StreamIt, lobbies). */
  UNAUTHENTICATED: 4001,
  /** Unknown room (StreamIt). */
  ROOM_NOT_FOUND: 4002,
  /** Not an approved participant (StreamIt); lobby join refused (lobbies). */
  NOT_ALLOWED: 4003,
  /** The host's grace period ran out (StreamIt); unknown lobby (lobbies). */
  GONE: 4004,
  /** Room inactive or deleted (StreamIt). */
  ROOM_INACTIVE: 4005,
  /** Banned from the room (StreamIt). */
  BANNED: 4010,
  /** Kicked or banned while connected (StreamIt). */
  REMOVED: 4011,
  /** The socket's send queue passed WS_SEND_QUEUE_BYTES: the client reads too slowly. */
  SLOW_CONSUMER: 4100,
  /** No pong to the heartbeat ping in time. */
  HEARTBEAT_TIMEOUT: 4101,
  /** Unknown or revoked capability token (polls, overlays, control tokens). */
  INVALID_CAPABILITY: 4102,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];
