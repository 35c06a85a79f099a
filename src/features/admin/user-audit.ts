/**
 * Role changes go through the accounts module's `PATCH /api/admin/users/<id>/`; this hook writes
 * their audit-trail entry after a successful answer, so the trail covers every admin action
 * without the admin module reaching into accounts' handlers.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { bearerToken } from '../accounts/index.js';
import { audit } from './http.js';

const USERS_ROUTE = '/api/admin/users/:id/';

export function auditUserChanges(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'PATCH' || request.routeOptions.url !== USERS_ROUTE || reply.statusCode !== 200)
      return;
    try {
      const token = bearerToken(request);
      const actor = token ? await ctx.tokens.verifyAccess(token) : null;
      if (!actor) return;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const detail: Record<string, unknown> = {};
      for (const key of ['is_premium', 'is_staff'])
        if (typeof body[key] === 'boolean') detail[key] = body[key];
      const { id } = request.params as { id: string };
      await audit(
        ctx,
        { id: actor.id, username: actor.username },
        'user.update',
        { type: 'user', id: id.toLowerCase() },
        detail,
      );
    } catch (err) {
      request.log.error({ err }, 'admin audit of a role change failed');
    }
  });
}
