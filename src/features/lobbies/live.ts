/**
 * The live side of lobbies in one process: which local sockets are in which lobby, the hub topic
 * per lobby, and a control channel on the bus that reaches sockets in every process (a kicked or
 * banned member's sockets get their own frame and close with 4003; a deleted lobby closes all).
 */
import type { Session } from '../../gateway/session.js';
import { CloseCode } from '../../protocol/close-codes.js';
import type { AppContext } from '../../server/context.js';

/** What a joined socket carries in `session.data.lobby`. */
export interface LobbySocket {
  lobbyId: number;
  userId: string;
  username: string;
  isPremium: boolean;
}

type ControlMessage =
  | { op: 'remove'; lobbyId: number; userId: string; frame: Record<string, unknown> }
  | { op: 'close_all'; lobbyId: number; code: number; reason: string };

const CONTROL_TOPIC = 'lobbies:control';

export const lobbyTopic = (lobbyId: number): string => `lobby:${lobbyId}`;
export const presenceTopic = (lobbyId: number): string => `lobby:${lobbyId}`;
export const chatChannel = (lobbyId: number): string => `lobby:${lobbyId}`;

export function lobbyOf(session: Session): LobbySocket | undefined {
  return session.data.lobby as LobbySocket | undefined;
}

export class LobbyLive {
  private readonly local = new Map<number, Set<Session>>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly ctx: AppContext) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.ctx.realtime.bus.subscribe(CONTROL_TOPIC, (message) => {
      try {
        this.apply(JSON.parse(message.payload) as ControlMessage);
      } catch (err) {
        this.ctx.log.warn({ err }, 'bad lobby control message');
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  add(session: Session, lobby: LobbySocket): void {
    session.data.lobby = lobby;
    let set = this.local.get(lobby.lobbyId);
    if (!set) this.local.set(lobby.lobbyId, (set = new Set()));
    set.add(session);
  }

  remove(session: Session): void {
    const lobby = lobbyOf(session);
    if (!lobby) return;
    const set = this.local.get(lobby.lobbyId);
    set?.delete(session);
    if (set?.size === 0) this.local.delete(lobby.lobbyId);
  }

  /** Local sockets of a lobby (tests). */
  localSessions(lobbyId: number): Session[] {
    return [...(this.local.get(lobbyId) ?? [])];
  }

  /** A frame to every socket of the lobby in every process (recorded unless `record:false`). */
  publish(
    lobbyId: number,
    frame: unknown,
    options: { record?: boolean; except?: Session } = {},
  ): Promise<number> {
    return this.ctx.hub.broadcast(lobbyTopic(lobbyId), frame, options);
  }

  /**
   * Sends `frame` to every socket of `userId` in the lobby, in every process, and closes them with
   * 4003 (the seed consumer's code for kick and ban). Publish this before the room-wide frame, so
   * the target gets only its own.
   */
  async removeMember(lobbyId: number, userId: string, frame: Record<string, unknown>): Promise<void> {
    await this.control({ op: 'remove', lobbyId, userId, frame });
  }

  /** Closes every socket of the lobby in every process. */
  async closeAll(lobbyId: number, code: number, reason: string): Promise<void> {
    await this.control({ op: 'close_all', lobbyId, code, reason });
  }

  private async control(message: ControlMessage): Promise<void> {
    await this.ctx.realtime.bus.publish(CONTROL_TOPIC, JSON.stringify(message), { record: false });
  }

  private apply(message: ControlMessage): void {
    for (const session of this.localSessions(message.lobbyId)) {
      if (message.op === 'close_all') {
        session.close(message.code, message.reason);
        continue;
      }
      if (lobbyOf(session)?.userId !== message.userId) continue;
      session.send(message.frame);
      session.close(CloseCode.NOT_ALLOWED, 'removed from lobby');
    }
  }
}
