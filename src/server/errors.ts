/**
 * Typed application errors: code + HTTP status + message (+ cause). Routes throw them; the one
 * error handler in http-errors.ts maps them to JSON. `body` lets a route keep a seed's exact error
 * shape (DRF's `{"detail": ...}`, `{"error": ...}`, `{"field": ["msg"]}`) that existing clients parse.
 */
import type { ZodError } from 'zod';

export type ErrorBody = Record<string, unknown>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body?: ErrorBody,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The JSON the client receives. */
  toBody(): ErrorBody {
    return this.body ?? { detail: this.message, code: this.code };
  }
}

export const badRequest = (message: string, body?: ErrorBody) =>
  new AppError(400, 'bad_request', message, body);
export const unauthorized = (message = 'Authentication credentials were not provided.', body?: ErrorBody) =>
  new AppError(401, 'not_authenticated', message, body);
export const forbidden = (message = 'You do not have permission to perform this action.', body?: ErrorBody) =>
  new AppError(403, 'permission_denied', message, body);
export const notFound = (message = 'Not found.', body?: ErrorBody) =>
  new AppError(404, 'not_found', message, body);
export const conflict = (message: string, body?: ErrorBody) => new AppError(409, 'conflict', message, body);
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests. Try again later.') =>
  new AppError(429, 'throttled', message, {
    detail: message,
    code: 'throttled',
    retry_after: retryAfterSeconds,
  });

/**
 * DRF-style field errors from a zod error: `{field: ["message", ...]}`, with errors that belong to
 * no field under `non_field_errors`, as the seeds' clients expect.
 */
export function fieldErrors(error: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : 'non_field_errors';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** A 400 carrying DRF-style field errors. */
export function validationError(error: ZodError): AppError {
  const body = fieldErrors(error);
  const first = Object.values(body)[0]?.[0] ?? 'Invalid input.';
  return new AppError(400, 'invalid', first, body);
}
