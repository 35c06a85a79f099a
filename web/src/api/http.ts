/**
 * The low-level JSON fetch: sends a JSON body, an optional Bearer token, parses JSON answers, and
 * throws ApiError with a readable message for anything that is not 2xx. Token handling (refresh,
 * retry on 401) lives in client.ts on top of this.
 */
import { ApiError, errorMessage, fieldErrorsOf } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method?: HttpMethod;
  /** Sent as JSON (unless it is FormData, a Blob or a string). */
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return null;
  const text = await response.text();
  if (!text) return null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Performs one request; resolves with the parsed body of a 2xx answer. */
export async function httpRequest<T>(
  path: string,
  request: HttpRequest = {},
  fetchImpl?: FetchLike,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  let body: BodyInit | undefined;
  if (request.body !== undefined) {
    const raw = request.body;
    if (typeof raw === 'string' || raw instanceof Blob || raw instanceof FormData) {
      body = raw;
    } else {
      body = JSON.stringify(raw);
      headers['Content-Type'] = 'application/json';
    }
  }
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  const doFetch: FetchLike = fetchImpl ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(path, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      signal: request.signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new ApiError(0, errorMessage(0, null));
  }
  const parsed = await readBody(response);
  if (!response.ok) {
    throw new ApiError(response.status, errorMessage(response.status, parsed), parsed, fieldErrorsOf(parsed));
  }
  return parsed as T;
}
