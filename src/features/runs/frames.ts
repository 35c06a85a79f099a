/**
 * Inbound frames of the run sockets, validated as the seed's serializers did: an unknown or missing
 * `type` is "Invalid message type", bad fields are `{field: [messages]}`. Besides the seed's types,
 * both sockets take `undo`, `redo` and `sync` (a snapshot for the sender), and the counter socket
 * takes increments (`wipe_update {segment_id, op: "inc", by}`).
 */
import { z } from 'zod';
import { parseFields, type FieldErrors } from '../accounts/fields.js';
import { booleanField, elapsedField, integerField, nameField, pullShape } from './schemas.js';

const segmentId = integerField(1);
const optionalSegmentId = integerField(1).optional();
const byField = z
  .number({ error: 'A valid integer is required.' })
  .int({ error: 'A valid integer is required.' })
  .min(-1000, { error: 'Ensure this value is greater than or equal to -1000.' })
  .max(1000, { error: 'Ensure this value is less than or equal to 1000.' });

export type WipeFrame =
  | {
      type: 'wipe_update';
      segmentId: number;
      count?: number;
      by?: number;
      progress?: number | null;
      note?: string | null;
    }
  | { type: 'new_segment'; segmentId?: number; name: string; count?: number; isFinished?: boolean }
  | { type: 'segment_finished'; segmentId: number }
  | { type: 'run_finished' | 'undo' | 'redo' | 'sync' };

export type TimerFrame =
  | { type: 'start_timer'; segmentId: number; elapsed?: number | null }
  | { type: 'pause_timer' | 'finish_timer'; segmentId: number; elapsed?: number | null }
  | { type: 'new_segment'; segmentId?: number; name: string; elapsed?: number | null; isFinished?: boolean }
  | { type: 'run_finished' | 'split' | 'undo' | 'redo' | 'sync' };

export type Parsed<T> = { ok: true; frame: T } | { ok: false; error: string | FieldErrors };

const INVALID_TYPE = { ok: false as const, error: 'Invalid message type' };

function fields<S extends Record<string, z.ZodType>>(shape: S, raw: Record<string, unknown>) {
  return parseFields(shape, raw);
}

function typeOf(raw: unknown): { type: string; body: Record<string, unknown> } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const body = raw as Record<string, unknown>;
  return typeof body.type === 'string' ? { type: body.type, body } : null;
}

const bare = new Set(['run_finished', 'undo', 'redo', 'sync']);

export function parseWipeFrame(raw: unknown): Parsed<WipeFrame> {
  const typed = typeOf(raw);
  if (!typed) return INVALID_TYPE;
  const { type, body } = typed;
  if (bare.has(type)) return { ok: true, frame: { type } as WipeFrame };
  if (type === 'wipe_update') {
    const inc = body.op === 'inc';
    if (body.op !== undefined && body.op !== 'inc' && body.op !== 'set')
      return { ok: false, error: { op: ['"' + String(body.op).slice(0, 20) + '" is not a valid choice.'] } };
    const shape = inc
      ? { segment_id: segmentId, by: byField.optional(), ...pullShape }
      : { segment_id: segmentId, count: integerField(0), ...pullShape };
    const { data, errors } = fields(shape, body);
    if (Object.keys(errors).length > 0) return { ok: false, error: errors };
    const d = data as {
      segment_id: number;
      by?: number;
      count?: number;
      progress?: number | null;
      note?: string | null;
    };
    return {
      ok: true,
      frame: {
        type,
        segmentId: d.segment_id,
        ...(inc ? { by: d.by ?? 1 } : { count: d.count ?? 0 }),
        ...(d.progress !== undefined ? { progress: d.progress } : {}),
        ...(d.note !== undefined ? { note: d.note } : {}),
      },
    };
  }
  if (type === 'new_segment') {
    const { data, errors } = fields(
      {
        segment_id: optionalSegmentId,
        segment_name: nameField('Segment name cannot be empty.'),
        count: integerField(0).optional(),
        is_finished: booleanField.optional(),
      },
      body,
    );
    if (Object.keys(errors).length > 0) return { ok: false, error: errors };
    return {
      ok: true,
      frame: {
        type,
        segmentId: data.segment_id,
        name: data.segment_name ?? '',
        count: data.count,
        isFinished: data.is_finished,
      },
    };
  }
  if (type === 'segment_finished') {
    const { data, errors } = fields({ segment_id: segmentId }, body);
    if (Object.keys(errors).length > 0) return { ok: false, error: errors };
    return { ok: true, frame: { type, segmentId: data.segment_id ?? 0 } };
  }
  return INVALID_TYPE;
}

export function parseTimerFrame(raw: unknown): Parsed<TimerFrame> {
  const typed = typeOf(raw);
  if (!typed) return INVALID_TYPE;
  const { type, body } = typed;
  if (bare.has(type) || type === 'split') return { ok: true, frame: { type } as TimerFrame };
  if (type === 'start_timer' || type === 'pause_timer' || type === 'finish_timer') {
    const { data, errors } = fields(
      {
        segment_id: segmentId,
        elapsed_time: elapsedField.optional(),
        started_at: z.string({ error: 'Datetime has wrong format.' }).max(64).optional(),
      },
      body,
    );
    if (Object.keys(errors).length > 0) return { ok: false, error: errors };
    return { ok: true, frame: { type, segmentId: data.segment_id ?? 0, elapsed: data.elapsed_time } };
  }
  if (type === 'new_segment') {
    const { data, errors } = fields(
      {
        segment_id: optionalSegmentId,
        segment_name: nameField('Segment name cannot be empty.'),
        elapsed_time: elapsedField.optional(),
        is_finished: booleanField.optional(),
      },
      body,
    );
    if (Object.keys(errors).length > 0) return { ok: false, error: errors };
    return {
      ok: true,
      frame: {
        type,
        segmentId: data.segment_id,
        name: data.segment_name ?? '',
        elapsed: data.elapsed_time,
        isFinished: data.is_finished,
      },
    };
  }
  return INVALID_TYPE;
}
