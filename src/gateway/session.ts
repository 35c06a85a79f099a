/**
 * One WebSocket connection as the modules see it: who it is, what it asked for, and a send path
 * that corks the socket on the first write of an event-loop turn and uncorks in one shared
 * setImmediate, so every frame queued for the socket in that turn leaves in one write. A socket
 * whose unsent bytes pass the bound is closed as a slow consumer instead of buffering without limit.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { CloseCode } from '../protocol/close-codes.js';
import type { AuthUser } from '../features/accounts/tokens.js';
import { PreparedFrame } from './frame.js';

/** The gateway services a session needs; kept minimal so sessions can be unit-tested. */
export interface SessionHost {
  /** Called on the first write of a turn; the host uncorks every scheduled session in one setImmediate. */
  scheduleFlush(session: Session): void;
  onFrameOut(): void;
  onSlowConsumer(session: Session): void;
}

let nextSessionNumber = 0;

export class Session {
  /** Unique within the process (the hub adds its node id when it needs a global id). */
  readonly id = `s${(nextSessionNumber += 1).toString(36)}`;
  /** Set by the gateway from `?token=` before the endpoint opens (null: anonymous). */
  user: AuthUser | null = null;
  /** Module state for this connection (room, role, dialect...). */
  data: Record<string, unknown> = {};
  /** The client asked for seq-stamped frames (`?seq=1`). */
  wantsSeq = false;
  /** Heartbeat: set false at each ping, true on pong or any inbound frame. */
  alive = true;
  private corked = false;
  private closed = false;
  private readonly raw: Socket | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly endpoint: string,
    readonly params: Record<string, string>,
    readonly query: Record<string, string>,
    private readonly host: SessionHost,
    private readonly sendQueueLimit: number,
  ) {
    // ws keeps the TCP socket private; writing pre-framed bytes to it is what lets one framed
    // buffer serve every recipient (ws never compresses here: perMessageDeflate is off).
    this.raw = (socket as unknown as { _socket?: Socket })._socket;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === 1;
  }

  /** Serializes `message` for this socket alone (direct replies, error frames, snapshots). */
  send(message: unknown): void {
    this.sendFrame(new PreparedFrame(JSON.stringify(message)));
  }

  /** Writes a prepared frame (broadcasts: the same buffer for every recipient). */
  sendFrame(frame: PreparedFrame): void {
    if (!this.isOpen || !this.raw) return;
    if (!this.corked) {
      this.corked = true;
      this.raw.cork();
      this.host.scheduleFlush(this);
    }
    this.raw.write(frame.bytes(this.wantsSeq));
    this.host.onFrameOut();
    if (this.raw.writableLength > this.sendQueueLimit) this.host.onSlowConsumer(this);
  }

  /** Called by the host's shared setImmediate. */
  flush(): void {
    if (!this.corked) return;
    this.corked = false;
    this.raw?.uncork();
  }

  /** Closes with a catalogue code; no frame is written after this. */
  close(code: number = CloseCode.NORMAL, reason = ''): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    try {
      this.socket.close(code, reason.slice(0, 120));
    } catch {
      this.socket.terminate();
    }
  }

  /** Drops the connection at once (dead peer, or a slow consumer that never read its close frame). */
  terminate(): void {
    this.closed = true;
    this.socket.terminate();
  }

  /** Bytes written but not yet taken by the kernel (the send queue). */
  get queuedBytes(): number {
    return this.raw?.writableLength ?? 0;
  }
}
