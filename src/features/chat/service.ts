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
 * A module with other limits (lobbies: 2000 characters, 3 per 2 s without cooldown, no duplicate
 * rule, no trimming) passes them as `policy.limits`; its own refusal (not a member) as `policy.check`.
 * Limits live in the shared ephemeral store, so they hold across server processes.
 */
import type { Clock } from '../../realtime/clock.js';
import type { EphemeralStore } from '../../realtime/ephemeral.js';
import type { Db } from '../../storage/database.js';
import {
  deleteChannels,
  findMessage,
  insertMessage,
  latestMessages,
  pageMessages,
  trimChannel,
  updateMessage,
  type ChatRow,
} from './store.js';
import type { RateLimitRule } from '../../realtime/ephemeral.js';

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

/** Per-channel limits; the defaults are StreamIt's (watch rooms). */
export interface ChatLimits {
  maxLength: number;
  rate: RateLimitRule;
  /** Same text again within this long is refused; 0 turns the rule off. */
  duplicateMs: number;
  /** Stored messages kept per channel; null keeps every message (lobbies page through all). */
  keep: number | null;
}

export const STREAMIT_LIMITS: ChatLimits = {
  maxLength: CHAT_MAX_LENGTH,
  rate: CHAT_RATE,
  duplicateMs: CHAT_DUPLICATE_MS,
  keep: CHAT_KEEP,
};

/** A refusal decided by the owner module (code + message for its error frame). */
export interface ChatRefusal {
  code: string;
  message: string;
}

/** What the owner module decides about this channel and sender. */
export interface ChatPolicy {
  enabled: boolean;
  /** Asked only when the message got past every other check. */
  isMuted(): Promise<boolean> | boolean;
  /** Other limits than StreamIt's. */
  limits?: ChatLimits;
  /** Asked after the rate limit (the lobby's membership check comes there in the seed's order). */
  check?(): Promise<ChatRefusal | null> | ChatRefusal | null;
}

export interface ChatMessage {
  id: string;
  userId: string;
  user: string;
  message: string;
  createdAt: Date;
  /** Set once the text was edited. */
  editedAt: Date | null;
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
    editedAt: row.editedAt,
  };
}

export class ChatService {
  private readonly sinceTrim = new Map<string, number>();
  private readonly lastStamp = new Map<string, number>();

  constructor(private readonly deps: { db: Db; store: EphemeralStore; clock: Clock }) {}

  /** Applies the rules in order; stores and returns an accepted message. */
  async send(channel: string, sender: ChatSender, raw: unknown, policy: ChatPolicy): Promise<ChatOutcome> {
    if (!policy.enabled) return { kind: 'refused', ...ChatError.DISABLED };
    const limits = policy.limits ?? STREAMIT_LIMITS;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') return { kind: 'dropped' };
    if (text.length > limits.maxLength) return { kind: 'refused', ...ChatError.TOO_LONG };
    const { store } = this.deps;
    const limited = await store.hit(`chat:rate:${channel}:${sender.id}`, limits.rate);
    if (!limited.allowed) return { kind: 'refused', ...ChatError.RATE_LIMITED };
    if (limits.duplicateMs > 0) {
      const dupKey = `chat:last:${channel}:${sender.id}`;
      if ((await store.get(dupKey)) === text) return { kind: 'refused', ...ChatError.DUPLICATE };
      await store.set(dupKey, text, limits.duplicateMs);
    }
    const refusal = policy.check ? await policy.check() : null;
    if (refusal) return { kind: 'refused', ...refusal };
    if (await policy.isMuted()) return { kind: 'refused', ...ChatError.MUTED };
    const row = await insertMessage(this.deps.db, {
      channel,
      userId: sender.id,
      userName: sender.name,
      message: text,
      createdAt: new Date(this.stamp(channel)),
    });
    if (limits.keep !== null) await this.maybeTrim(channel, limits.keep);
    return { kind: 'accepted', message: toMessage(row) };
  }

  /** One page of visible messages, newest first, and how many there are in all. */
  async page(
    channel: string,
    offset: number,
    limit: number,
  ): Promise<{ total: number; messages: ChatMessage[] }> {
    const { total, rows } = await pageMessages(this.deps.db, channel, offset, limit);
    return { total, messages: rows.map(toMessage) };
  }

  /** A visible (not deleted) message of the channel. */
  async find(channel: string, id: string): Promise<ChatMessage | undefined> {
    const row = await findMessage(this.deps.db, channel, id);
    return row && toMessage(row);
  }

  /** Replaces a message's text (already validated by the owner module); undefined when it is gone. */
  async edit(channel: string, id: string, text: string): Promise<ChatMessage | undefined> {
    const row = await updateMessage(this.deps.db, channel, id, {
      message: text,
      editedAt: new Date(this.deps.clock.now()),
    });
    return row && toMessage(row);
  }

  /** Soft-deletes a message: hidden from history and pages, kept in storage; false when already gone. */
  async remove(channel: string, id: string): Promise<boolean> {
    return (await updateMessage(this.deps.db, channel, id, { isDeleted: true })) !== undefined;
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
  private async maybeTrim(channel: string, keep: number): Promise<void> {
    const n = (this.sinceTrim.get(channel) ?? 0) + 1;
    if (n < 50) {
      // Bounded like lastStamp: a channel forgotten here is only trimmed a little later.
      if (this.sinceTrim.size >= 10_000 && !this.sinceTrim.has(channel)) this.sinceTrim.clear();
      this.sinceTrim.set(channel, n);
      return;
    }
    this.sinceTrim.delete(channel);
    await trimChannel(this.deps.db, channel, keep);
  }
}
