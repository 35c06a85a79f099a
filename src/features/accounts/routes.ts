/**
 * HTTP routes of registration, sessions, guests and password reset, at every path the seeds used.
 * Handlers parse with zod (in the services) and translate to HTTP; route schemas only document.
 */
import type { FastifyInstance } from 'fastify';
import { jsonSchema } from '../../server/validate.js';
import { bearerToken } from './auth.js';
import { now, type AccountsDeps } from './deps.js';
import { confirmPasswordReset, RESET_DONE, RESET_REQUESTED, requestPasswordReset } from './password-reset.js';
import {
  bodyObject,
  guestSchema,
  lobbyRegisterSchema,
  loginSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  refreshSchema,
  wiperinoRegisterSchema,
} from './schemas.js';
import { register } from './service.js';
import { createGuest, login, logout, refresh } from './sessions.js';

const tags = ['accounts'];

/** Registers the session routes (register, login, refresh, logout, guest, password reset). */
export function registerSessionRoutes(app: FastifyInstance, deps: AccountsDeps): void {
  app.post(
    '/api/register/',
    { schema: { tags, summary: 'Register (Wiperino shape)', body: jsonSchema(wiperinoRegisterSchema) } },
    async (request, reply) => {
      const user = await register(deps.db, bodyObject(request.body), 'wiperino', now(deps));
      return reply.status(201).send({ username: user.username, email: user.email });
    },
  );

  app.post(
    '/api/auth/register/',
    {
      schema: {
        tags,
        summary: 'Register (Premium Chat Lobby shape; Django password validators apply)',
        body: jsonSchema(lobbyRegisterSchema),
      },
    },
    async (request, reply) => {
      const user = await register(deps.db, bodyObject(request.body), 'lobby', now(deps));
      return reply.status(201).send({ message: 'User created successfully', user_id: user.id });
    },
  );

  for (const path of ['/api/login/', '/api/auth/login/']) {
    app.post(
      path,
      {
        schema: {
          tags,
          summary: 'Log in with {username, password} or {email, password}; throttled per IP and account',
          body: jsonSchema(loginSchema),
        },
      },
      async (request) => login(deps, request.body, request.ip),
    );
  }

  for (const path of ['/api/token/refresh/', '/api/auth/refresh/']) {
    app.post(
      path,
      {
        schema: {
          tags,
          summary: 'New access and refresh tokens; earlier refresh tokens stay valid until logout or expiry',
          body: jsonSchema(refreshSchema),
        },
      },
      async (request) => refresh(deps, request.body),
    );
  }

  for (const path of ['/api/auth/logout/', '/api/logout/']) {
    app.post(
      path,
      {
        schema: {
          tags,
          summary: "Revoke the user's refresh tokens (Bearer token or {refresh}); always succeeds",
          body: jsonSchema(refreshSchema.partial()),
        },
      },
      async (request) => {
        // An invalid Bearer token here is not an error: logging out must always succeed.
        const user = await deps.tokens.verifyAccess(bearerToken(request));
        await logout(deps, user?.id ?? null, request.body);
        return { success: true };
      },
    );
  }

  app.post(
    '/api/auth/guest/',
    { schema: { tags, summary: 'Create a guest user and sign in as it', body: jsonSchema(guestSchema) } },
    async (request) => createGuest(deps, request.body),
  );

  app.post(
    '/api/password-reset-request/',
    {
      schema: {
        tags,
        summary: 'Mail a password reset link (same answer whether or not the email is registered)',
        body: jsonSchema(passwordResetRequestSchema),
      },
    },
    async (request) => {
      await requestPasswordReset(deps, request.body);
      return { message: RESET_REQUESTED };
    },
  );

  app.post(
    '/api/password-reset-confirm/',
    {
      schema: {
        tags,
        summary: 'Set a new password with the link from the reset mail',
        body: jsonSchema(passwordResetConfirmSchema),
      },
    },
    async (request) => {
      await confirmPasswordReset(deps, request.body);
      return { message: RESET_DONE };
    },
  );
}
