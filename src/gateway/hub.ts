/**
 * Topic fan-out. A broadcast is serialized once by the publisher and published once on the bus;
 * each process turns it into one prepared frame and writes that to its local subscribers. Joining
 * with `since` replays what the client missed from the bus's recovery window (or reports that a
 * snapshot is needed). Redis is only used to reach other processes: local delivery is from memory.
 */
import type { Bus, BusMessage } from '../realtime/bus.js';
import { PreparedFrame } from './frame.js';
import type { Session } from './session.js';

/** Separates the excluded session id from the frame text inside a bus payload. */
const ENVELOPE_SEPARATOR = '\u0001';

interface TopicState {
  live: Set<Session>;
  /** Sessions replaying history: live messages wait here until the replay is done. */
  catchingUp: Map<Session, BusMessage[]>;
  subscribed: Promise<() => void>;
}

export interface BroadcastOptions {
  /** Keep in the recovery window and give it a seq (default true). Volatile: typing, cursors. */
  record?: boolean;
  /** Deliver to everyone but this session (the others-only events of the seeds). */
  except?: Session;
}

export interface JoinResult {
  /** False when `since` was given but the window no longer covers it: send a snapshot. */
  recovered: boolean;
}

export class Hub {
  private readonly topics = new Map<string, TopicState>();
  private readonly memberships = new Map<Session, Set<string>>();

  constructor(
    private readonly bus: Bus,
    /** Makes session ids global across processes (used by `except`). */
    private readonly nodeId: string,
    private readonly onPublish: () => void = () => {},
  ) {}

  private globalId(session: Session): string {
    return `${this.nodeId}/${session.id}`;
  }

  /** Subscribes `session` to `topic`; with `since`, first replays every recorded frame after it. */
  async join(session: Session, topic: string, options: { since?: number } = {}): Promise<JoinResult> {
    const state = this.topicState(topic);
    let topics = this.memberships.get(session);
    if (!topics) this.memberships.set(session, (topics = new Set()));
    topics.add(topic);
    if (options.since === undefined) {
      state.live.add(session);
      await state.subscribed;
      return { recovered: true };
    }
    const buffered: BusMessage[] = [];
    state.catchingUp.set(session, buffered);
    await state.subscribed;
    const missed = await this.bus.history(topic, options.since);
    if (state.catchingUp.get(session) !== buffered) return { recovered: false }; // left meanwhile
    state.catchingUp.delete(session);
    if (!topics.has(topic)) return { recovered: false };
    state.live.add(session);
    if (missed === null) return { recovered: false };
    let lastSent = options.since;
    for (const message of [...missed, ...buffered]) {
      if (message.seq !== 0 && message.seq <= lastSent) continue;
      this.deliverTo(session, message);
      if (message.seq !== 0) lastSent = message.seq;
    }
    return { recovered: true };
  }

  leave(session: Session, topic: string): void {
    this.memberships.get(session)?.delete(topic);
    const state = this.topics.get(topic);
    if (!state) return;
    state.live.delete(session);
    state.catchingUp.delete(session);
    if (state.live.size === 0 && state.catchingUp.size === 0) {
      this.topics.delete(topic);
      void state.subscribed.then((unsubscribe) => unsubscribe());
    }
  }

  /** Removes the session from every topic (the gateway calls this on close). */
  leaveAll(session: Session): void {
    for (const topic of [...(this.memberships.get(session) ?? [])]) this.leave(session, topic);
    this.memberships.delete(session);
  }

  /** Sends `message` to every subscriber of `topic` in every process; resolves with its seq. */
  broadcast(topic: string, message: unknown, options: BroadcastOptions = {}): Promise<number> {
    const except = options.except ? this.globalId(options.except) : '';
    this.onPublish();
    return this.bus.publish(topic, except + ENVELOPE_SEPARATOR + JSON.stringify(message), {
      record: options.record ?? true,
    });
  }

  /** Local subscriber count of a topic (tests, metrics). */
  localCount(topic: string): number {
    return this.topics.get(topic)?.live.size ?? 0;
  }

  private topicState(topic: string): TopicState {
    let state = this.topics.get(topic);
    if (!state) {
      const created: TopicState = {
        live: new Set(),
        catchingUp: new Map(),
        subscribed: Promise.resolve(() => {}),
      };
      created.subscribed = this.bus.subscribe(topic, (message) => this.deliver(created, message));
      this.topics.set(topic, (state = created));
    }
    return state;
  }

  private deliver(state: TopicState, message: BusMessage): void {
    for (const buffer of state.catchingUp.values()) buffer.push(message);
    if (state.live.size === 0) return;
    const cut = message.payload.indexOf(ENVELOPE_SEPARATOR);
    const frame = new PreparedFrame(message.payload.slice(cut + 1), message.seq);
    // Resolved once per message, not per recipient: the excluded session, if it is one of ours.
    const excluded = cut > 0 ? this.localSessionId(message.payload.slice(0, cut)) : null;
    for (const session of state.live) {
      if (session.id !== excluded) session.sendFrame(frame);
    }
  }

  /** The local session id named by a global id, or null when it belongs to another process. */
  private localSessionId(globalId: string): string | null {
    const prefix = `${this.nodeId}/`;
    return globalId.startsWith(prefix) ? globalId.slice(prefix.length) : null;
  }

  private deliverTo(session: Session, message: BusMessage): void {
    const cut = message.payload.indexOf(ENVELOPE_SEPARATOR);
    if (cut > 0 && this.localSessionId(message.payload.slice(0, cut)) === session.id) return;
    session.sendFrame(new PreparedFrame(message.payload.slice(cut + 1), message.seq));
  }
}
