/**
 * Per-run control tokens for Stream Deck buttons and hotkey tools: a random 256-bit capability,
 * stored only as its SHA-256, revocable and replaceable by the owner. Holders may POST an
 * increment, undo/redo and timer start/pause/split without a login, and may also open the
 * dashboard sockets with `?control=<token>`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { ActionError, type Actor, type RunActions } from './actions.js';
import { bodyObject, integerField, pullShape, throwIfErrors } from './schemas.js';
import { parseFields } from '../accounts/fields.js';
import { findRunByControlHash } from './store.js';
import { pauseCurrent, split, startCurrent } from './timer-ops.js';
import { changeWipe, currentWipeSegment } from './wipe-ops.js';
import { z } from 'zod';

export function hashControlToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newControlToken(): string {
  return randomBytes(32).toString('base64url');
}

const tags = ['runs'];
const UNKNOWN = { detail: 'Unknown or revoked control token.' };

/** Maps an ActionError to the HTTP answer; a refused actor looks like an unknown token. */
export function sendActionError(reply: FastifyReply, err: unknown): FastifyReply {
  if (!(err instanceof ActionError)) throw err;
  return reply
    .status(err.status === 403 ? 404 : err.status)
    .send(err.status === 403 ? UNKNOWN : err.toBody());
}

const wipeBody = {
  segment_id: integerField(1).optional(),
  by: z.number({ error: 'A valid integer is required.' }).int().min(-1000).max(1000).optional(),
  ...pullShape,
};

export function registerControlRoutes(app: FastifyInstance, ctx: AppContext, actions: RunActions): void {
  async function actorFor(token: string): Promise<{ runId: number; actor: Actor } | null> {
    const hash = hashControlToken(token);
    const run = await findRunByControlHash(ctx.database.db, hash);
    return run ? { runId: run.id, actor: { userId: null, username: '', controlHash: hash } } : null;
  }

  app.post(
    '/api/control/:token/wipe/',
    {
      schema: {
        tags,
        summary: 'Control token: +1 on the newest open segment (or segment_id; `by`, progress, note)',
      },
    },
    async (request, reply) => {
      const found = await actorFor((request.params as { token: string }).token);
      if (!found) return reply.status(404).send(UNKNOWN);
      const { data, errors } = parseFields(wipeBody, bodyObject(request.body));
      throwIfErrors(errors);
      try {
        const row = await actions.act(found.runId, found.actor, 'wipe_inc', async (scope) => {
          const segment = await currentWipeSegment(scope, data.segment_id);
          return changeWipe(scope, {
            segmentId: segment.id,
            by: data.by ?? 1,
            progress: data.progress,
            note: data.note,
          });
        });
        return { run: found.runId, segment_id: row.id, segment_name: row.segmentName, count: row.count };
      } catch (err) {
        return sendActionError(reply, err);
      }
    },
  );

  for (const direction of ['undo', 'redo'] as const) {
    app.post(
      `/api/control/:token/${direction}/`,
      { schema: { tags, summary: `Control token: ${direction} the last action` } },
      async (request, reply) => {
        const found = await actorFor((request.params as { token: string }).token);
        if (!found) return reply.status(404).send(UNKNOWN);
        try {
          const action = await actions.step(found.runId, found.actor, direction);
          return { run: found.runId, [direction]: action };
        } catch (err) {
          return sendActionError(reply, err);
        }
      },
    );
  }

  const timerOps = { start: startCurrent, pause: pauseCurrent, split } as const;
  for (const [name, op] of Object.entries(timerOps)) {
    app.post(
      `/api/control/:token/timer/${name}/`,
      { schema: { tags, summary: `Control token: timer ${name}` } },
      async (request, reply) => {
        const found = await actorFor((request.params as { token: string }).token);
        if (!found) return reply.status(404).send(UNKNOWN);
        try {
          await actions.act(
            found.runId,
            found.actor,
            name === 'split' ? 'split' : `${name}_timer`,
            async (scope) => {
              await op(scope);
            },
          );
          return { run: found.runId, ok: true };
        } catch (err) {
          return sendActionError(reply, err);
        }
      },
    );
  }
}
