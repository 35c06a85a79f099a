/**
 * Staff administration of users: a searchable, paginated list (DRF PageNumberPagination, 20 per
 * page) and role changes (premium, staff). The acting user's staff flag is read from the database,
 * not trusted from the token, so a demoted staff member loses access at once.
 */
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { now, type AccountsDeps } from './deps.js';
import { fieldError, profileView } from './service.js';
import { parseBody, rolePatchSchema, userListQuerySchema } from './schemas.js';
import { parseInput } from '../../server/validate.js';
import * as store from './store.js';
import type { UserRow } from './store.js';

export const PAGE_SIZE = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The admin view of a user: the profile plus the flags only staff see. */
export function adminUserView(user: UserRow) {
  return { ...profileView(user), is_superuser: user.isSuperuser, is_active: user.isActive };
}

/** The acting user's current row; 403 unless it is active staff. */
export async function loadStaff(deps: AccountsDeps, userId: string): Promise<UserRow> {
  const actor = await store.findUserById(deps.db, userId);
  if (!actor || !actor.isActive || !actor.isStaff) throw forbidden();
  return actor;
}

const invalidPage = () => new AppError(404, 'not_found', 'Invalid page.', { detail: 'Invalid page.' });

/** `requestUrl` with `page` set (or removed for page 1, as DRF does). */
function pageUrl(requestUrl: URL, page: number): string {
  const url = new URL(requestUrl);
  if (page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}

/** `GET /api/admin/users/?search=&page=`: newest first, searching username, email and display name. */
export async function listUsersPage(deps: AccountsDeps, query: unknown, requestUrl: URL) {
  const input = parseInput(userListQuerySchema, query);
  const page = input.page === undefined || input.page === '' ? 1 : Number(input.page);
  if (!Number.isSafeInteger(page) || page < 1) throw invalidPage();
  const search = input.search?.trim() || undefined;
  const { total, rows } = await store.listUsers(deps.db, {
    search,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  if (page > 1 && rows.length === 0) throw invalidPage();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return {
    count: total,
    next: page < pages ? pageUrl(requestUrl, page + 1) : null,
    previous: page > 1 ? pageUrl(requestUrl, page - 1) : null,
    results: rows.map(adminUserView),
  };
}

/**
 * `PATCH /api/admin/users/<id>/` `{is_premium?, is_staff?}`. Only a superuser may change another
 * superuser's flags, so staff cannot lock out the accounts that created them.
 */
export async function updateRoles(deps: AccountsDeps, actor: UserRow, targetId: string, body: unknown) {
  const input = parseBody(rolePatchSchema, body);
  const target = UUID.test(targetId) ? await store.findUserById(deps.db, targetId.toLowerCase()) : undefined;
  if (!target) throw notFound();
  if (target.isSuperuser && !actor.isSuperuser && target.id !== actor.id) throw forbidden();
  if (target.isGuest && input.is_staff === true) {
    throw fieldError({ is_staff: ['A guest user cannot be staff.'] });
  }
  const changes: Partial<store.NewUser> = { updatedAt: now(deps) };
  if (input.is_premium !== undefined) changes.isPremium = input.is_premium;
  if (input.is_staff !== undefined) changes.isStaff = input.is_staff;
  const updated = await store.updateUser(deps.db, target.id, changes);
  if (!updated) throw notFound();
  return adminUserView(updated);
}
