/** HTTP routes of the signed-in user's profile and of staff user administration. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { unauthorized } from '../../server/errors.js';
import { jsonSchema } from '../../server/validate.js';
import { listUsersPage, loadStaff, updateRoles } from './admin.js';
import { requireUser } from './auth.js';
import { now, type AccountsDeps } from './deps.js';
import { bodyObject, profilePatchSchema, rolePatchSchema, userListQuerySchema } from './schemas.js';
import { profileView, updateProfile } from './service.js';
import * as store from './store.js';

const tags = ['accounts'];
const adminTags = ['admin'];

/**
 * The token's user as currently stored. A valid token for a deleted or deactivated user is a 401,
 * with SimpleJWT's `user_not_found` answer.
 */
async function currentUser(ctx: AppContext, deps: AccountsDeps, request: FastifyRequest) {
  const auth = await requireUser(ctx, request);
  const user = await store.findUserById(deps.db, auth.id);
  if (!user || !user.isActive)
    throw unauthorized('User not found', { detail: 'User not found', code: 'user_not_found' });
  return user;
}

/** The absolute URL of a request (for pagination links), as DRF's `build_absolute_uri`. */
function absoluteUrl(request: FastifyRequest): URL {
  return new URL(request.url, `${request.protocol}://${request.host}`);
}

export function registerProfileRoutes(app: FastifyInstance, ctx: AppContext, deps: AccountsDeps): void {
  app.get('/api/me/', { schema: { tags, summary: 'The signed-in user' } }, async (request) =>
    profileView(await currentUser(ctx, deps, request)),
  );

  app.patch(
    '/api/me/',
    {
      schema: {
        tags,
        summary: 'Change username, email or display name (other fields are read-only and ignored)',
        body: jsonSchema(profilePatchSchema),
      },
    },
    async (request) => {
      const user = await currentUser(ctx, deps, request);
      return profileView(await updateProfile(deps.db, user, bodyObject(request.body), now(deps)));
    },
  );

  app.get(
    '/api/admin/users/',
    {
      schema: {
        tags: adminTags,
        summary: 'Users, 20 per page, newest first (staff only)',
        querystring: jsonSchema(userListQuerySchema),
      },
    },
    async (request) => {
      await loadStaff(deps, (await requireUser(ctx, request)).id);
      return listUsersPage(deps, request.query, absoluteUrl(request));
    },
  );

  app.patch<{ Params: { id: string } }>(
    '/api/admin/users/:id/',
    {
      schema: {
        tags: adminTags,
        summary: "Set a user's premium and staff flags (staff only)",
        body: jsonSchema(rolePatchSchema),
      },
    },
    async (request) => {
      const actor = await loadStaff(deps, (await requireUser(ctx, request)).id);
      return updateRoles(deps, actor, request.params.id, request.body);
    },
  );
}
