/** Every module's registration, in one list: each feature adds its routes and socket endpoints. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.js';
import { registerAccounts } from './accounts/index.js';
import { registerAdmin } from './admin/index.js';
import { registerWatch } from './watch/index.js';
import { registerRuns } from './runs/index.js';
import { registerPolls } from './polls/index.js';
import { registerClicks } from './clicks/index.js';
import { registerLobbies } from './lobbies/index.js';

type Feature = (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;

const features: Feature[] = [
  registerAccounts,
  registerAdmin,
  registerRuns,
  registerClicks,
  registerPolls,
  registerWatch,
  registerLobbies,
];

export async function registerFeatures(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const feature of features) await feature(app, ctx);
}
