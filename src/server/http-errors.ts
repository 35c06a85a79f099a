/**
 * The one mapping from errors to HTTP answers: AppErrors keep their body, Fastify's own errors (bad
 * JSON, body too large, wrong content type) become clear 4xx JSON, anything else is a logged 500
 * whose details are not sent. Unknown paths answer 404 JSON, known paths with another method 405.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export function installErrorHandlers(
  app: FastifyInstance,
  serveSpa: ((request: FastifyRequest, reply: FastifyReply) => unknown) | null,
): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.status === 429 && error.body?.retry_after)
        reply.header('Retry-After', String(error.body.retry_after));
      return reply.status(error.status).send(error.toBody());
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ detail: clientMessage(fastifyError), code: clientCode(fastifyError) });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ detail: 'Internal server error.', code: 'internal' });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter(
      (method) => method !== request.method && app.findRoute({ method, url: path }),
    );
    if (allowed.length > 0 && !(request.method === 'HEAD' && allowed.includes('GET'))) {
      return reply
        .status(405)
        .header('Allow', allowed.join(', '))
        .send({ detail: `Method "${request.method}" not allowed.`, code: 'method_not_allowed' });
    }
    if (serveSpa && request.method === 'GET' && wantsHtml(request) && !isApiPath(path))
      return serveSpa(request, reply);
    return reply.status(404).send({ detail: 'Not found.', code: 'not_found' });
  });
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'JSON parse error: the request body is not valid JSON.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported media type: send application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Request body is empty; JSON was expected.';
    default:
      return error.message;
  }
}

function clientCode(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'body_too_large';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type';
  if (error.code?.startsWith('FST_ERR_CTP')) return 'parse_error';
  return 'bad_request';
}

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** Paths that never fall back to the web app (they answer JSON). */
export function isApiPath(path: string): boolean {
  return /^\/(api|public-api|ws|docs|metrics)(\/|$)/.test(path);
}
