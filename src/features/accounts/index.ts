/** The accounts module: registration, login, tokens, guests, profile, password reset. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';

export async function registerAccounts(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
