/** Runs the storage contract on PGlite (always) and PostgreSQL (DATABASE_URL; required in CI). */
import { describe } from 'vitest';
import { pgliteTestDatabase, postgresTestDatabase } from '../helpers/database.js';
import { postgresUrl } from '../helpers/services.js';
import { storageContract } from './storage.contract.js';

describe('storage contract: PGlite', () => storageContract(pgliteTestDatabase));
describe.skipIf(!postgresUrl)('storage contract: PostgreSQL', () => storageContract(postgresTestDatabase));
