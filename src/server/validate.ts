/**
 * Validation at the edge with zod: one schema gives the type, the runtime check and the OpenAPI
 * document. Parsing untrusted input returns a result or throws an AppError (never a raw exception).
 */
import { z, type ZodType } from 'zod';
import { validationError } from './errors.js';

/** Parses a request body (or query) with `schema`; a failure is a 400 with DRF-style field errors. */
export function parseInput<T extends ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** JSON Schema for OpenAPI docs (documentation only: Fastify does not validate with it). */
export function jsonSchema(schema: ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}
