/**
 * The live side of watch rooms in one process: which local sockets are in which room, publishing
 * room events (translated per dialect, one hub topic per dialect), and the cross-process control
 * channel that closes sockets wherever they are (kick, ban, delete, expiry).
 */
import type { Session } from '../../gateway/session.js';
import type { AppContext } from '../../server/context.js';
import { positionAt, type PlaybackClock } from './clock.js';
import { DIALECTS, translate, type Dialect, type MemberView, type RoomEvent } from './events.js';
import { listParticipants, type ParticipantRow, type RoomRow } from './store.js';

/** What a joined socket carries in `session.data.watch`. */
export interface WatchSocket {
  roomId: string;
  code: string;
  memberId: string;
  name: string;
  dialect: Dialect;
  hasAccount: boolean;
}

interface ControlMessage {
  op: 'close';
  roomId: string;
  /** Only this member's sockets; all sockets of the room when absent. */
  memberId?: string;
  code: number;
  reason: string;
}

const CONTROL_TOPIC = 'watch:control';

export const roomTopic = (roomId: string, dialect: Dialect): string => `watch:${roomId}:${dialect}`;
export const presenceTopic = (roomId: string): string => `watch:${roomId}`;
export const chatChannel = (roomId: string): string => `watch:${roomId}`;

export function watchOf(session: Session): WatchSocket | undefined {
  return session.data.watch as WatchSocket | undefined;
}

export function clockOf(room: RoomRow): PlaybackClock {
  return {
    media: { provider: room.videoProvider, id: room.videoId, url: room.mediaUrl, title: room.mediaTitle },
    position: room.position,
    anchor_server_time: room.anchorMs,
    rate: room.rate,
    is_playing: room.isPlaying,
    version: room.version,
  };
}

export function currentPosition(room: RoomRow, now: number): number {
  return positionAt(clockOf(room), now);
}

export function memberView(p: ParticipantRow, hostId: string, online: boolean): MemberView {
  return {
    id: p.memberId,
    name: p.name,
    is_host: p.memberId === hostId,
    is_online: online,
    joined_at: p.joinedAt.toISOString(),
  };
}

export class WatchLive {
  private readonly local = new Map<string, Set<Session>>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly ctx: AppContext) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.ctx.realtime.bus.subscribe(CONTROL_TOPIC, (message) => {
      try {
        this.applyControl(JSON.parse(message.payload) as ControlMessage);
      } catch (err) {
        this.ctx.log.warn({ err }, 'bad watch control message');
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Registers a socket that joined a room (for closes by member or room). */
  add(session: Session, watch: WatchSocket): void {
    session.data.watch = watch;
    let set = this.local.get(watch.roomId);
    if (!set) this.local.set(watch.roomId, (set = new Set()));
    set.add(session);
  }

  remove(session: Session): void {
    const watch = watchOf(session);
    if (!watch) return;
    const set = this.local.get(watch.roomId);
    set?.delete(session);
    if (set?.size === 0) this.local.delete(watch.roomId);
  }

  /** Local sockets of a room (tests, bench). */
  localSessions(roomId: string): Session[] {
    return [...(this.local.get(roomId) ?? [])];
  }

  /** Publishes an event to every dialect's topic, in every process. */
  async publish(roomId: string, event: RoomEvent, sender?: Session): Promise<void> {
    const sends: Promise<number>[] = [];
    for (const dialect of DIALECTS) {
      const out = translate(event, dialect);
      if (!out) continue;
      const except = out.exceptSender && sender && watchOf(sender)?.dialect === dialect ? sender : undefined;
      sends.push(this.ctx.hub.broadcast(roomTopic(roomId, dialect), out.frame, except ? { except } : {}));
    }
    await Promise.all(sends);
  }

  /** Closes sockets of a room (or of one member) in every process. */
  async closeSockets(roomId: string, code: number, reason: string, memberId?: string): Promise<void> {
    const message: ControlMessage = { op: 'close', roomId, code, reason, ...(memberId ? { memberId } : {}) };
    await this.ctx.realtime.bus.publish(CONTROL_TOPIC, JSON.stringify(message), { record: false });
  }

  private applyControl(message: ControlMessage): void {
    if (message.op !== 'close') return;
    for (const session of this.localSessions(message.roomId)) {
      if (message.memberId && watchOf(session)?.memberId !== message.memberId) continue;
      // Flushes queued frames (ROOM_DELETED...) before the close frame.
      session.close(message.code, message.reason);
    }
  }

  /** The ROOM_PARTICIPANTS event: approved members (online or not, as StreamIt) and the host. */
  async participantsEvent(room: RoomRow): Promise<RoomEvent> {
    const rows = (await listParticipants(this.ctx.database.db, room.id)).filter(
      (p) => p.status === 'APPROVED' && !p.isBanned,
    );
    const online = new Set(
      (await this.ctx.realtime.presence.list(presenceTopic(room.id))).map((e) => e.memberId),
    );
    const host = rows.find((p) => p.memberId === room.hostId);
    return {
      kind: 'participants',
      names: rows.map((p) => p.name),
      host: host?.name ?? '',
      members: rows.map((p) => memberView(p, room.hostId, online.has(p.memberId))),
    };
  }
}
