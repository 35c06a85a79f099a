/**
 * The seed's HTTP routes, answering `application/json` (the original sent text/plain). Every answer
 * is read from the database (or, for online users, from the sockets of every process), so any
 * process of a deployment answers the same.
 */
import type { FastifyInstance } from 'fastify';
import { version } from '../../server/version.js';
import type { ClicksService } from './service.js';

const tags = ['clicks'];

export function registerClickRoutes(app: FastifyInstance, service: ClicksService): void {
  app.get('/api', { schema: { tags, summary: 'Describes the backend: {version}' } }, async () => ({
    version,
  }));

  app.get(
    '/api/latest_clicks',
    {
      schema: {
        tags,
        summary: "Today's clicks (local day), newest first: [{user, comment, style, timestamp}]",
      },
    },
    () => service.latestClicks(),
  );

  app.get(
    '/api/latest_events',
    { schema: { tags, summary: "Today's events, newest first: [{user, name, timestamp}]" } },
    () => service.latestEvents(),
  );

  app.get(
    '/api/latest_hours',
    {
      schema: {
        tags,
        summary:
          'Hourly buckets from local midnight six days ago to the current hour: [{timestamp, click_count, event_count}]',
      },
    },
    () => service.latestHours(),
  );

  app.get(
    '/api/users',
    { schema: { tags, summary: 'Every name ever seen with its counts: [{name, click_count, event_count}]' } },
    () => service.users(),
  );

  app.get(
    '/api/online_users',
    {
      schema: {
        tags,
        summary: 'One entry per connected socket: [{name|null, click_count_session, event_count_session}]',
      },
    },
    () => service.onlineUsers(),
  );

  app.get(
    '/api/current_stats',
    { schema: { tags, summary: 'The durable counters: {click_count_total, click_count_today}' } },
    () => service.stats(),
  );
}
