/**
 * HTTP routes of the polls module at the seed's paths (`/api/polls/...`), plus Roomful's session
 * list, question changes and controls, viewer identities and exports.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { optionalUser, requireUser } from '../accounts/auth.js';
import type { AppContext } from '../../server/context.js';
import { badRequest, notFound } from '../../server/errors.js';
import { jsonSchema, parseInput } from '../../server/validate.js';
import { resultRows, toCsv, toXlsx } from './export.js';
import {
  addQuestionSchema,
  changeQuestionSchema,
  countdownSchema,
  createSessionSchema,
  MODERATOR_ACTIONS,
} from './schemas.js';
import { invalidToken, type PollsService } from './service.js';

const tags = ['polls'];
type TokenParams = { token: string };
type QuestionParams = { token: string; qid: string };

export function registerPollRoutes(app: FastifyInstance, ctx: AppContext, service: PollsService): void {
  app.post(
    '/api/polls/create_session/',
    {
      schema: {
        tags,
        summary: 'Create a poll session (moderator, viewer and overlay links)',
        body: jsonSchema(createSessionSchema),
      },
    },
    async (request, reply) => {
      const user = await optionalUser(ctx, request);
      const input = parseInput(createSessionSchema, request.body);
      const runId = input.run_id === undefined || input.run_id === null ? null : String(input.run_id);
      if (runId !== null && !user) {
        throw badRequest('Sign in to link a poll session to a run.', {
          run_id: ['Sign in to link a poll session to a run.'],
        });
      }
      return reply.status(201).send(await service.createSession(user?.id ?? null, runId));
    },
  );

  app.get(
    '/api/polls/sessions/',
    { schema: { tags, summary: "The signed-in user's poll sessions (?run=<id> filters by run)" } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const { run } = parseInput(z.object({ run: z.string().max(64).optional() }), request.query);
      return service.listSessions(user.id, run);
    },
  );

  app.get<{ Params: TokenParams }>(
    '/api/polls/m/:token/',
    { schema: { tags, summary: 'Questions with live tallies (moderator token)' } },
    async (request) => {
      const cap = await service.requireModerator(request.params.token, 'view moderator data');
      return service.questions(cap.sessionId, 'moderator');
    },
  );

  for (const path of ['/api/polls/m/:token/', '/api/polls/m/:token/add_poll/']) {
    app.post<{ Params: TokenParams }>(
      path,
      { schema: { tags, summary: 'Add a question (moderator token)', body: jsonSchema(addQuestionSchema) } },
      async (request, reply) => {
        const cap = await service.requireModerator(request.params.token, 'submit questions');
        const input = parseInput(addQuestionSchema, request.body);
        return reply.status(201).send(await service.addQuestion(cap.sessionId, input));
      },
    );
  }

  app.delete<{ Params: TokenParams }>(
    '/api/polls/m/:token/',
    {
      schema: { tags, summary: 'Delete the whole session with its questions and ballots (moderator token)' },
    },
    async (request) => {
      const cap = await service.requireModerator(request.params.token, 'delete sessions');
      await service.deleteSession(cap.sessionId);
      return { detail: 'Session deleted' };
    },
  );

  app.get<{ Params: TokenParams }>(
    '/api/polls/m/:token/history/',
    { schema: { tags, summary: 'Archived results of earlier rounds ("run again")' } },
    async (request) =>
      service.history(
        (await service.requireModerator(request.params.token, 'view moderator data')).sessionId,
      ),
  );

  app.delete<{ Params: QuestionParams }>(
    '/api/polls/m/:token/delete/:qid/',
    { schema: { tags, summary: 'Delete a question (moderator token)' } },
    async (request) => {
      const cap = await service.requireModerator(request.params.token, 'delete questions');
      // Idempotent, as the seed was: a second moderator tab deleting the same question gets 200 too.
      await service.deleteQuestion(cap.sessionId, request.params.qid);
      return { detail: 'Question deleted' };
    },
  );

  app.patch<{ Params: QuestionParams }>(
    '/api/polls/m/:token/questions/:qid/',
    {
      schema: {
        tags,
        summary: 'Change the text or settings of a question',
        body: jsonSchema(changeQuestionSchema),
      },
    },
    async (request) => {
      const cap = await service.requireModerator(request.params.token, 'change questions');
      return service.changeQuestion(
        cap.sessionId,
        request.params.qid,
        parseInput(changeQuestionSchema, request.body),
      );
    },
  );

  app.post<{ Params: QuestionParams & { action: string } }>(
    '/api/polls/m/:token/questions/:qid/:action/',
    {
      schema: {
        tags,
        summary: `Question control: ${MODERATOR_ACTIONS.join(', ')} (countdown takes {seconds})`,
      },
    },
    async (request) => {
      const cap = await service.requireModerator(request.params.token);
      const action = MODERATOR_ACTIONS.find((a) => a === request.params.action);
      if (!action) throw notFound('Unknown action', { error: 'Unknown action' });
      const seconds = action === 'countdown' ? parseInput(countdownSchema, request.body).seconds : undefined;
      return service.act(cap.sessionId, request.params.qid, action, seconds);
    },
  );

  app.get<{ Params: TokenParams; Querystring: { format?: string } }>(
    '/api/polls/m/:token/export/',
    { schema: { tags, summary: 'Results as CSV (?format=csv, default) or xlsx (?format=xlsx)' } },
    async (request, reply) => {
      const cap = await service.requireModerator(request.params.token, 'export results');
      const rows = await resultRows(service, cap.sessionId);
      const name = `poll_${cap.sessionId}`;
      if (request.query.format === 'xlsx') {
        return reply
          .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('Content-Disposition', `attachment; filename=${name}.xlsx`)
          .send(await toXlsx(rows));
      }
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename=${name}.csv`)
        .send(toCsv(rows));
    },
  );

  app.get<{ Params: TokenParams }>(
    '/api/polls/v/:token/',
    { schema: { tags, summary: 'Questions for viewers (tallies only where the question shows them)' } },
    async (request) => {
      const cap = await service.resolve(request.params.token);
      if (!cap) throw invalidToken();
      return service.questions(cap.sessionId, cap.role === 'moderator' ? 'viewer' : cap.role);
    },
  );

  app.post<{ Params: TokenParams }>(
    '/api/polls/v/:token/identity/',
    {
      schema: {
        tags,
        summary: 'A signed viewer identity for this browser (send it as ?viewer= on the socket)',
      },
    },
    async (request) => {
      if (!(await service.resolve(request.params.token))) throw invalidToken();
      return { viewer: service.deps.identities.issue() };
    },
  );
}
