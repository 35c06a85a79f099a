/**
 * Admin API: the overview counts, poll sessions (list, delete), runs (list) and the admin audit
 * trail itself.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { userCounts } from '../accounts/admin-queries.js';
import { clickTotals } from '../clicks/admin-queries.js';
import { countLobbies } from '../lobbies/admin-queries.js';
import { adminDeletePollSession, adminListPollSessions, countPollSessions } from '../polls/admin-queries.js';
import { adminListRuns, countRuns } from '../runs/admin-queries.js';
import { countOpenRooms } from '../watch/admin-queries.js';
import { pageActions } from './audit-store.js';
import { audit, requireStaffActor, staffList } from './http.js';
import { auditQuerySchema, pageQuerySchema, runsQuerySchema } from './schemas.js';
import { auditView } from './views.js';

const tags = ['admin'];

export function registerOverviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get(
    '/api/admin/overview/',
    { schema: { tags, summary: 'Counts for the admin dashboard (staff only)' } },
    async (request) => {
      await requireStaffActor(ctx, request);
      const [users, liveRooms, lobbies, runs, pollSessions, clicks] = await Promise.all([
        userCounts(db),
        countOpenRooms(db),
        countLobbies(db),
        countRuns(db),
        countPollSessions(db),
        clickTotals(ctx),
      ]);
      return {
        users: users.total,
        premium_users: users.premium,
        staff_users: users.staff,
        guest_users: users.guests,
        live_rooms: liveRooms,
        lobbies,
        runs,
        poll_sessions: pollSessions,
        clicks_today: clicks.today,
        clicks_total: clicks.total,
      };
    },
  );

  staffList(
    app,
    ctx,
    '/api/admin/polls/',
    {
      summary: 'Poll sessions, newest first, with owner, questions and ballots (staff only)',
      query: pageQuerySchema,
    },
    async (q) => {
      const { total, rows } = await adminListPollSessions(db, q);
      return {
        total,
        results: rows.map((r) => ({
          id: r.session.id,
          owner_id: r.session.ownerId,
          owner: r.owner,
          run_id: r.session.runId,
          questions: r.questions,
          ballots: r.ballots,
          created_at: r.session.createdAt.toISOString(),
        })),
      };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/admin/polls/:id/',
    { schema: { tags, summary: 'Delete a poll session with its questions and ballots (staff only)' } },
    async (request, reply) => {
      const actor = await requireStaffActor(ctx, request);
      const session = await adminDeletePollSession(ctx, request.params.id);
      if (!session) throw notFound();
      await audit(
        ctx,
        actor,
        'poll_session.delete',
        { type: 'poll_session', id: session.id },
        {
          owner_id: session.ownerId,
        },
      );
      return reply.status(204).send();
    },
  );

  staffList(
    app,
    ctx,
    '/api/admin/runs/',
    {
      summary: 'Runs, newest first, with owner, game, mode and finished (staff only)',
      query: runsQuerySchema,
    },
    async (q) => {
      const finished = q.input.finished ? q.input.finished === 'true' || q.input.finished === '1' : undefined;
      const { total, rows } = await adminListRuns(db, { ...q, mode: q.input.mode || undefined, finished });
      return {
        total,
        results: rows.map((r) => ({
          id: r.id,
          name: r.name,
          owner_id: r.ownerId,
          owner: r.owner,
          game_id: r.gameId,
          game: r.game,
          mode: r.mode,
          is_finished: r.isFinished,
          created_at: r.createdAt.toISOString(),
        })),
      };
    },
  );

  staffList(
    app,
    ctx,
    '/api/admin/audit/',
    {
      summary: 'The admin audit trail: every staff action, newest first (staff only)',
      query: auditQuerySchema,
    },
    async (q) => {
      const { total, rows } = await pageActions(db, { ...q, action: q.input.action?.trim() || undefined });
      return { total, results: rows.map(auditView) };
    },
  );
}
