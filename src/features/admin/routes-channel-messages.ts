/**
 * The chat messages of one kind of channel owner (watch rooms, lobbies) for staff: list newest first
 * with deleted ones flagged, and soft delete with an audit row. Rooms and lobbies differ only in how
 * the owner is found, which chat channel it has, and what deleting tells its sockets.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { jsonSchema } from '../../server/validate.js';
import { adminPageChannel } from '../chat/admin-queries.js';
import { audit, envelope, listQuery, requireStaffActor } from './http.js';
import { pageQuerySchema } from './schemas.js';
import { messageView } from './views.js';

export interface ChannelOwner<T> {
  /** Path segment under /api/admin/: `rooms` or `lobbies`. */
  segment: string;
  /** Words for the docs: "A room's chat messages", "Soft-delete a room chat message". */
  listSummary: string;
  deleteSummary: string;
  /** The owner named by the path id, or null (404). */
  find(id: string): Promise<T | null | undefined>;
  channel(owner: T): string;
  /** Soft-deletes; false when the message is not in this owner's channel. */
  remove(owner: T, messageId: string): Promise<boolean>;
  /** What the audit row records about the owner. */
  auditDetail(owner: T): Record<string, unknown>;
}

export function registerChannelMessageRoutes<T>(
  app: FastifyInstance,
  ctx: AppContext,
  owner: ChannelOwner<T>,
): void {
  const tags = ['admin'];
  const found = async (id: string) => {
    const value = await owner.find(id);
    if (!value) throw notFound();
    return value;
  };

  app.get<{ Params: { id: string } }>(
    `/api/admin/${owner.segment}/:id/messages/`,
    { schema: { tags, summary: owner.listSummary, querystring: jsonSchema(pageQuerySchema) } },
    async (request) => {
      await requireStaffActor(ctx, request);
      const q = listQuery(pageQuerySchema, request.query);
      const value = await found(request.params.id);
      const { total, rows } = await adminPageChannel(ctx.database.db, owner.channel(value), q);
      return envelope(request, q.page, total, rows.map(messageView));
    },
  );

  app.delete<{ Params: { id: string; messageId: string } }>(
    `/api/admin/${owner.segment}/:id/messages/:messageId/`,
    { schema: { tags, summary: owner.deleteSummary } },
    async (request, reply) => {
      const actor = await requireStaffActor(ctx, request);
      const value = await found(request.params.id);
      if (!(await owner.remove(value, request.params.messageId))) throw notFound();
      const target = { type: 'message', id: request.params.messageId };
      await audit(ctx, actor, 'message.delete', target, owner.auditDetail(value));
      return reply.status(204).send();
    },
  );
}
