/**
 * The accounts module: registration, login, tokens, guests, profile, password reset and staff role
 * administration. Other modules authenticate their routes with `requireUser` / `optionalUser`.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import type { AccountsDeps } from './deps.js';
import { createMailer } from './mailer.js';
import { registerProfileRoutes } from './profile-routes.js';
import { registerSessionRoutes } from './routes.js';

export { bearerToken, optionalUser, requireStaff, requireUser } from './auth.js';
export { listOutbox } from './mailer.js';
export { createUser, ensureDemoUser, findUserByUsername } from './service.js';

export async function registerAccounts(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const mailer = createMailer(ctx.config, () => ctx.clock.now());
  const deps: AccountsDeps = {
    db: ctx.database.db,
    tokens: ctx.tokens,
    store: ctx.realtime.store,
    clock: ctx.clock,
    config: ctx.config,
    mailer,
    log: ctx.log,
  };
  registerSessionRoutes(app, deps);
  registerProfileRoutes(app, ctx, deps);
  app.addHook('onClose', async () => {
    await mailer.close();
  });
}
