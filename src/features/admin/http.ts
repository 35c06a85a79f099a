/**
 * Helpers every admin route uses: the staff guard (checked on the stored user, not the token's
 * claim), DRF-style page-number pagination (20 per page, `{count, next, previous, results}`), and
 * the audit trail write with the acting user and the clock.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodType, z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden } from '../../server/errors.js';
import { jsonSchema, parseInput } from '../../server/validate.js';
import { requireUser } from '../accounts/index.js';
import { findActiveStaff } from '../accounts/admin-queries.js';
import { recordAction } from './audit-store.js';

export const PAGE_SIZE = 20;

export interface StaffActor {
  id: string;
  username: string;
}

/** 401 without a valid token, 403 unless the user is active staff in the database now. */
export async function requireStaffActor(ctx: AppContext, request: FastifyRequest): Promise<StaffActor> {
  const auth = await requireUser(ctx, request);
  const user = await findActiveStaff(ctx.database.db, auth.id);
  if (!user) throw forbidden();
  return { id: user.id, username: user.username };
}

export const invalidPage = () => new AppError(404, 'not_found', 'Invalid page.', { detail: 'Invalid page.' });

/** A list query parsed with `schema`, plus its page number and offset (404 "Invalid page." as DRF). */
export function listQuery<T extends ZodType>(schema: T, raw: unknown) {
  const input = parseInput(schema, raw) as z.infer<T> & { page?: string; search?: string };
  const pageRaw = input.page;
  const page = pageRaw === undefined || pageRaw === '' ? 1 : /^\d{1,9}$/.test(pageRaw) ? Number(pageRaw) : 0;
  if (page < 1) throw invalidPage();
  const search = input.search?.trim() || undefined;
  return { input, page, search, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
}

export type ListQuery<T extends ZodType> = ReturnType<typeof listQuery<T>>;

/**
 * A staff-only paginated list route: the guard, the query (`schema` plus page and search), and the
 * page envelope around what `load` returns for that page.
 */
export function staffList<T extends ZodType, R>(
  app: FastifyInstance,
  ctx: AppContext,
  path: string,
  options: { summary: string; query: T },
  load: (q: ListQuery<T>) => Promise<{ total: number; results: R[] }>,
): void {
  app.get(
    path,
    { schema: { tags: ['admin'], summary: options.summary, querystring: jsonSchema(options.query) } },
    async (request) => {
      await requireStaffActor(ctx, request);
      const q = listQuery(options.query, request.query);
      const { total, results } = await load(q);
      return envelope(request, q.page, total, results);
    },
  );
}

export function absoluteUrl(request: FastifyRequest): URL {
  return new URL(request.url, `${request.protocol}://${request.host}`);
}

function pageUrl(requestUrl: URL, page: number): string {
  const url = new URL(requestUrl);
  if (page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}

/** The page envelope; a page past the end (other than the first) is 404 "Invalid page.". */
export function envelope<T>(request: FastifyRequest, page: number, total: number, results: T[]) {
  if (page > 1 && results.length === 0) throw invalidPage();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const url = absoluteUrl(request);
  return {
    count: total,
    next: page < pages ? pageUrl(url, page + 1) : null,
    previous: page > 1 ? pageUrl(url, page - 1) : null,
    results,
  };
}

/** Writes one audit-trail entry for an action `actor` just took. */
export async function audit(
  ctx: AppContext,
  actor: StaffActor,
  action: string,
  target: { type: string; id: string | number },
  detail: Record<string, unknown> = {},
): Promise<void> {
  await recordAction(ctx.database.db, {
    actor,
    action,
    targetType: target.type,
    targetId: String(target.id),
    detail,
    at: new Date(ctx.clock.now()),
  });
}
