/**
 * The chat engine, room-agnostic: the owner module (watch rooms, later lobbies) names a channel,
 * the sender and the room's policy (enabled, muted), and the engine applies StreamIt's hardening
 * in its exact order:
 *   1. chat disabled           -> "Chat is disabled in this room"
 *   2. empty after trimming    -> dropped silently
 *   3. more than 500 chars     -> "Message too long."
 *   4. 5 per 3 s sliding window, then a 10 s cooldown -> "Rate limit exceeded. Please wait."
 *      (counted before the duplicate and mute checks, as StreamIt did)
 *   5. same text again within 3 s -> "Duplicate message blocked."
 *   6. muted                   -> "You are muted in this room"
 * Accepted messages are stored before they are returned (never acknowledge what is not stored).
 * Limits live in the shared ephemeral store, so they hold across server processes.
 */
import type { Clock } from '../../realtime/clock.js';
import type { EphemeralStore } from '../../realtime/ephemeral.js';
import type { Db } from '../../storage/database.js';
import { deleteChannels, insertMessage, latestMessages, trimChannel, type ChatRow } from './store.js';

export const CHAT_MAX_LENGTH = 500;
export const CHAT_HISTORY_SIZE = 50;
/** Stored messages kept per channel (StreamIt kept the newest 500 per room). */
export const CHAT_KEEP = 500;
export const CHAT_RATE = { limit: 5, windowMs: 3000, cooldownMs: 10_000 } as const;
export const CHAT_DUPLICATE_MS = 3000;

/** Error codes of refused messages (sent as `code` in StreamIt's ERROR frame). */
export const ChatError = {
  DISABLED: { code: 'CHAT_DISABLED', message: 'Chat is disabled in this room' },
  TOO_LONG: { code: 'MESSAGE_TOO_LONG', message: 'Message too long.' },
  RATE_LIMITED: { code: 'RATE_LIMITED', message: 'Rate limit exceeded. Please wait.' },
  DUPLICATE: { code: 'DUPLICATE_MESSAGE', message: 'Duplicate message blocked.' },
  MUTED: { code: 'MUTED', message: 'You are muted in this room' },
} as const;

export interface ChatSender {
  id: string;
  name: string;
}

/** What the owner module decides about this channel and sender. */
export interface ChatPolicy {
  enabled: boolean;
  /** Asked only when the message got past every other check. */
  isMuted(): Promise<boolean> | boolean;
}

export interface ChatMessage {
  id: string;
  userId: string;
  user: string;
  message: string;
  createdAt: Date;
}

export type ChatOutcome =
  | { kind: 'accepted'; message: ChatMessage }
  | { kind: 'dropped' }
  | { kind: 'refused'; code: string; message: string };

function toMessage(row: ChatRow): ChatMessage {
  return {
    id: row.id,
    userId: row.userId,
    user: row.userName,
    message: row.message,
    createdAt: row.createdAt,
  };
}

export class ChatService {
  private readonly sinceTrim = new Map<string, number>();
  private readonly lastStamp = new Map<string, number>();

  constructor(private readonly deps: { db: Db; store: EphemeralStore; clock: Clock }) {}

  /** Applies the rules in order; stores and returns an accepted message. */
  async send(channel: string, sender: ChatSender, raw: unknown, policy: ChatPolicy): Promise<ChatOutcome> {
    if (!policy.enabled) return { kind: 'refused', ...ChatError.DISABLED };
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') return { kind: 'dropped' };
    if (text.length > CHAT_MAX_LENGTH) return { kind: 'refused', ...ChatError.TOO_LONG };
    const { store } = this.deps;
    const limited = await store.hit(`chat:rate:${channel}:${sender.id}`, CHAT_RATE);
    if (!limited.allowed) return { kind: 'refused', ...ChatError.RATE_LIMITED };
    const dupKey = `chat:last:${channel}:${sender.id}`;
    if ((await store.get(dupKey)) === text) return { kind: 'refused', ...ChatError.DUPLICATE };
    await store.set(dupKey, text, CHAT_DUPLICATE_MS);
    if (await policy.isMuted()) return { kind: 'refused', ...ChatError.MUTED };
    const row = await insertMessage(this.deps.db, {
      channel,
      userId: sender.id,
      userName: sender.name,
      message: text,
      createdAt: new Date(this.stamp(channel)),
    });
    await this.maybeTrim(channel);
    return { kind: 'accepted', message: toMessage(row) };
  }

  /** The last `limit` messages (default 50), oldest first. */
  async history(channel: string, limit = CHAT_HISTORY_SIZE): Promise<ChatMessage[]> {
    return (await latestMessages(this.deps.db, channel, limit)).map(toMessage);
  }

  /** Forgets every message of these channels (the owner deleted them). */
  async forget(channels: string[]): Promise<void> {
    await deleteChannels(this.deps.db, channels);
  }

  /**
   * Message times strictly increase per channel within a process, so history keeps send order
   * even for messages in the same millisecond (ids are random, so they cannot break ties).
   */
  private stamp(channel: string): number {
    const now = this.deps.clock.now();
    const last = this.lastStamp.get(channel) ?? 0;
    const at = now > last ? now : last + 1;
    this.lastStamp.set(channel, at);
    if (this.lastStamp.size > 10_000) this.lastStamp.clear(); // bounded; only same-ms ties need it
    return at;
  }

  /** Trimming after every insert would double the writes; every 50th message per channel is enough. */
  private async maybeTrim(channel: string): Promise<void> {
    const n = (this.sinceTrim.get(channel) ?? 0) + 1;
    if (n < 50) {
      this.sinceTrim.set(channel, n);
      return;
    }
    this.sinceTrim.delete(channel);
    await trimChannel(this.deps.db, channel, CHAT_KEEP);
  }
}
