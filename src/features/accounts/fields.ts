/**
 * Field-by-field parsing, as DRF serializers do it: every field is checked on its own, so one bad
 * field does not hide another's error, and the valid fields are still available for the checks
 * that come next (uniqueness, password similarity).
 */
import type { z, ZodType } from 'zod';

/** DRF's error body: field name to messages (`non_field_errors` for the object as a whole). */
export type FieldErrors = Record<string, string[]>;

/** The values that passed, and the messages of the fields that did not. */
export interface ParsedFields<S extends Record<string, ZodType>> {
  data: Partial<{ [K in keyof S]: z.output<S[K]> }>;
  errors: FieldErrors;
}

/** Parses `body[key]` with `shape[key]` for every key of the shape; keys not in the shape are ignored. */
export function parseFields<S extends Record<string, ZodType>>(
  shape: S,
  body: Record<string, unknown>,
): ParsedFields<S> {
  const data: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [key, schema] of Object.entries(shape)) {
    // Own properties only: a body key like "__proto__" or "constructor" must not reach the schema.
    const input = Object.hasOwn(body, key) ? body[key] : undefined;
    const result = schema.safeParse(input);
    if (result.success) {
      if (result.data !== undefined) data[key] = result.data;
    } else {
      errors[key] = result.error.issues.map((issue) => issue.message);
    }
  }
  return { data: data as ParsedFields<S>['data'], errors };
}
