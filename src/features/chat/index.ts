/**
 * The chat feature: a room-agnostic engine other features call through its service (watch rooms
 * now, lobbies later). It owns no routes of its own; `chatService(ctx)` gives the one shared
 * instance per app.
 */
import type { AppContext } from '../../server/context.js';
import { ChatService } from './service.js';

export {
  ChatError,
  ChatService,
  CHAT_HISTORY_SIZE,
  CHAT_MAX_LENGTH,
  CHAT_RATE,
  STREAMIT_LIMITS,
} from './service.js';
export type { ChatLimits, ChatMessage, ChatOutcome, ChatPolicy, ChatRefusal, ChatSender } from './service.js';

const instances = new WeakMap<AppContext, ChatService>();

/** The chat engine of this app (created on first use). */
export function chatService(ctx: AppContext): ChatService {
  let service = instances.get(ctx);
  if (!service) {
    service = new ChatService({ db: ctx.database.db, store: ctx.realtime.store, clock: ctx.clock });
    instances.set(ctx, service);
  }
  return service;
}
