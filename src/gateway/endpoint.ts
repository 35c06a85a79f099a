/**
 * What a module declares to serve a WebSocket path. The gateway owns the transport (upgrade, token,
 * JSON parsing, validation, ordering, heartbeat, send queue); the endpoint owns the rules.
 */
import type { FastifyRequest } from 'fastify';
import type { ZodType, core } from 'zod';
import type { Session } from './session.js';

export interface FrameProblem {
  /** `bad_json`: not JSON text; `invalid`: JSON that failed the endpoint's frame schema. */
  kind: 'bad_json' | 'invalid';
  message: string;
  /** The parsed JSON for `invalid` (lets a dialect tell an unknown type from bad fields). */
  raw?: unknown;
  issues?: core.$ZodIssue[];
}

export interface Endpoint<TFrame = unknown> {
  /** Metrics label and log name, e.g. `runs`, `polls`. */
  name: string;
  /** Fastify route path, e.g. `/ws/runs/:runId/`. */
  path: string;
  /**
   * Called once the socket is open and `session.user` is set from `?token=`. May close the session
   * (with a catalogue close code). Frames that arrive meanwhile wait and are handled after it.
   */
  open?(session: Session, request: FastifyRequest): Promise<void> | void;
  /** Schema every inbound frame must pass; without it frames reach `onFrame` as parsed JSON. */
  frames?: ZodType<TFrame>;
  onFrame?(session: Session, frame: TFrame): Promise<void> | void;
  /** Bad JSON or a frame that fails the schema; the default sends `{type:"error", error: message}`. */
  onInvalid?(session: Session, problem: FrameProblem): void;
  /** Called after the socket closed and every frame before it was handled. */
  onClose?(session: Session, code: number): Promise<void> | void;
  /** Overlays: every inbound frame is ignored (bad JSON included). */
  receiveOnly?: boolean;
}
