/**
 * Room events, dialect-neutral, and their translation at the edge into each dialect's frames:
 * - `S`: StreamIt's upper-case frames, exactly as its clients parse them;
 * - `X`: the same plus the playback clock fields (the web player; asked with `?clock=1`);
 * - `L`: SyncPlay's lower-case `{type, data}` frames.
 * Each dialect is its own hub topic, so every frame is still serialized once per room event.
 */
import { positionAt, roundSeconds, type PlaybackClock } from './clock.js';

export type Dialect = 'S' | 'X' | 'L';
export const DIALECTS: Dialect[] = ['S', 'X', 'L'];

/** A member as SyncPlay's `users` entries show it. */
export interface MemberView {
  id: string;
  name: string;
  is_host: boolean;
  is_online: boolean;
  joined_at: string;
}

export type RoomEvent =
  | { kind: 'participants'; names: string[]; host: string; members: MemberView[] }
  | { kind: 'joined'; member: MemberView }
  | { kind: 'left'; member: MemberView }
  | { kind: 'host_disconnected'; graceSeconds: number; hostId: string }
  | { kind: 'host_reconnected' }
  | { kind: 'host_changed'; member: MemberView }
  | { kind: 'chat'; userId: string; user: string; message: string; createdAt: string }
  | {
      kind: 'playback';
      action: 'play' | 'pause' | 'seek' | 'rate' | 'media';
      clock: PlaybackClock;
      now: number;
    }
  | { kind: 'buffering'; members: string[] }
  | { kind: 'deleted' }
  | { kind: 'expired' };

export interface Translated {
  frame: Record<string, unknown>;
  /** Leave out the session that caused the event (StreamIt USER_JOINED, SyncPlay controls). */
  exceptSender: boolean;
}

/** StreamIt's PLAYBACK_STATE, with the clock fields for the `X` dialect. */
export function playbackState(clock: PlaybackClock, now: number, extended: boolean): Record<string, unknown> {
  const base = {
    type: 'PLAYBACK_STATE',
    is_playing: clock.is_playing,
    time: roundSeconds(positionAt(clock, now)),
    version: clock.version,
  };
  if (!extended) return base;
  return {
    ...base,
    media: clock.media,
    position: clock.position,
    anchor_server_time: clock.anchor_server_time,
    rate: clock.rate,
    server_time: now,
  };
}

export function translate(event: RoomEvent, dialect: Dialect): Translated | null {
  return dialect === 'L' ? toSyncPlay(event) : toStreamIt(event, dialect === 'X');
}

function toStreamIt(event: RoomEvent, extended: boolean): Translated | null {
  switch (event.kind) {
    case 'participants':
      return {
        frame: {
          type: 'ROOM_PARTICIPANTS',
          participants: event.names,
          host: event.host,
          ...(extended ? { members: event.members } : {}),
        },
        exceptSender: false,
      };
    case 'joined':
      return {
        frame: {
          type: 'USER_JOINED',
          user: event.member.name,
          ...(extended ? { user_id: event.member.id } : {}),
        },
        exceptSender: true,
      };
    case 'left':
      return {
        frame: {
          type: 'USER_LEFT',
          user: event.member.name,
          ...(extended ? { user_id: event.member.id } : {}),
        },
        exceptSender: false,
      };
    case 'host_disconnected':
      return { frame: { type: 'HOST_DISCONNECTED', grace_seconds: event.graceSeconds }, exceptSender: false };
    case 'host_reconnected':
      return { frame: { type: 'HOST_RECONNECTED' }, exceptSender: true };
    case 'host_changed':
      return {
        frame: { type: 'HOST_CHANGED', host: event.member.name, user_id: event.member.id },
        exceptSender: false,
      };
    case 'chat':
      return {
        frame: {
          type: 'CHAT_MESSAGE',
          user: event.user,
          message: event.message,
          ...(extended ? { user_id: event.userId, created_at: event.createdAt } : {}),
        },
        exceptSender: false,
      };
    case 'playback':
      return { frame: playbackState(event.clock, event.now, extended), exceptSender: false };
    case 'buffering':
      return extended
        ? { frame: { type: 'BUFFERING_STATE', members: event.members }, exceptSender: false }
        : null;
    case 'deleted':
      return { frame: { type: 'ROOM_DELETED' }, exceptSender: false };
    case 'expired':
      return { frame: { type: 'ROOM_EXPIRED' }, exceptSender: false };
  }
}

function toSyncPlay(event: RoomEvent): Translated | null {
  switch (event.kind) {
    case 'joined':
      return { frame: { type: 'user_joined', data: event.member }, exceptSender: false };
    case 'left':
      return { frame: { type: 'user_left', data: { user_id: event.member.id } }, exceptSender: false };
    case 'playback': {
      const position = roundSeconds(positionAt(event.clock, event.now));
      if (event.action === 'media') {
        return {
          frame: {
            type: 'video_changed',
            data: { videoUrl: event.clock.media.url, videoTitle: event.clock.media.title },
          },
          exceptSender: true,
        };
      }
      if (event.action === 'rate') return null;
      return { frame: { type: event.action, data: { position } }, exceptSender: true };
    }
    case 'host_disconnected':
      return { frame: { type: 'user_left', data: { user_id: event.hostId } }, exceptSender: false };
    case 'host_changed':
      return { frame: { type: 'room_update', data: { host_id: event.member.id } }, exceptSender: false };
    case 'deleted':
      return { frame: { type: 'error', data: { error: 'Room deleted' } }, exceptSender: false };
    case 'expired':
      return { frame: { type: 'error', data: { error: 'Room expired' } }, exceptSender: false };
    default:
      // SyncPlay had no chat, participant list or grace frames.
      return null;
  }
}
