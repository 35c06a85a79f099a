/**
 * Request bodies of the runs REST API, with Django REST framework's wording (Wiperino's pages show
 * these messages). Bodies are parsed field by field so every bad field is reported at once.
 */
import { z } from 'zod';
import { parseFields, type FieldErrors } from '../accounts/fields.js';
import { AppError } from '../../server/errors.js';

export const RUN_MODES = ['WIPECOUNTER', 'SPEEDRUN'] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** DRF's messages for an absent, null or non-string value. */
function stringMessage(issue: { input?: unknown }): string {
  if (issue.input === undefined) return 'This field is required.';
  if (issue.input === null) return 'This field may not be null.';
  return 'Not a valid string.';
}

/** A name: trimmed, non-blank (with the seed's own message), at most 50 characters. */
export function nameField(blankMessage: string) {
  return z
    .string({ error: stringMessage })
    .trim()
    .min(1, { error: blankMessage, abort: true })
    .max(50, { error: 'Ensure this field has no more than 50 characters.', abort: true });
}

/** DRF IntegerField: integers or integer strings ("5"). */
export function integerField(min: number) {
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^-?\d{1,15}$/)
          .transform(Number),
      ],
      {
        error: (issue) =>
          issue.input === undefined ? 'This field is required.' : 'A valid integer is required.',
      },
    )
    .pipe(
      z
        .number()
        .int({ error: 'A valid integer is required.' })
        .min(min, { error: `Ensure this value is greater than or equal to ${min}.` })
        .max(2_147_483_647, { error: 'Ensure this value is less than or equal to 2147483647.' }),
    );
}

/** DRF FloatField (nullable for timers): finite, at least 0. */
export const elapsedField = z
  .union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d{1,12}(\.\d{0,9})?$/)
        .transform(Number),
      z.null(),
    ],
    {
      error: 'A valid number is required.',
    },
  )
  .pipe(
    z
      .number()
      .finite({ error: 'A valid number is required.' })
      .min(0, { error: 'Ensure this value is greater than or equal to 0.' })
      .max(1e9, { error: 'Ensure this value is less than or equal to 1000000000.' })
      .nullable(),
  );

export const booleanField = z.boolean({ error: 'Must be a valid boolean.' });

const youtubeField = z.union(
  [
    z.null(),
    z.literal('').transform(() => null),
    z
      .string()
      .trim()
      .max(200, { error: 'Ensure this field has no more than 200 characters.' })
      .pipe(z.url({ error: 'Enter a valid URL.', protocol: /^https?$/ })),
  ],
  {
    error: 'Enter a valid URL.',
  },
);

export const gameShape = { name: nameField('Name cannot be empty.') };

export const runShape = {
  name: nameField('Name cannot be empty.'),
  game: integerField(1),
  mode: z.enum(RUN_MODES, {
    error: (issue) =>
      issue.input === undefined
        ? 'This field is required.'
        : `"${String(issue.input).slice(0, 40)}" is not a valid choice.`,
  }),
  is_finished: booleanField.optional(),
  youtube_link: youtubeField.optional(),
};

export const wipeShape = {
  segment_name: nameField('Segment name cannot be empty.'),
  count: integerField(0).optional(),
  is_finished: booleanField.optional(),
};

export const timerShape = {
  segment_name: nameField('Segment name cannot be empty.'),
  elapsed_time: elapsedField.optional(),
  is_finished: booleanField.optional(),
};

/** Pull (attempt) details that may accompany a +1. */
export const pullShape = {
  progress: z.number().finite().min(0).max(100).nullable().optional(),
  note: z.string().trim().max(200).nullable().optional(),
};

/** The request body as an object; anything else (array, string, null) is DRF's non-field error. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError(400, 'invalid', 'Invalid data.', {
      non_field_errors: [
        'Invalid data. Expected a dictionary, but got ' + (Array.isArray(body) ? 'list' : typeof body) + '.',
      ],
    });
  }
  return body as Record<string, unknown>;
}

type Shape = Record<string, z.ZodType>;

/**
 * Parses a body against a shape: `partial` (PATCH) skips absent fields; otherwise required fields
 * must be present. Throws a 400 with every field's messages.
 */
export function parseBody<S extends Shape>(
  shape: S,
  body: unknown,
  partial: boolean,
): Partial<{ [K in keyof S]: z.output<S[K]> }> {
  const object = bodyObject(body);
  const used: Shape = {};
  for (const [key, schema] of Object.entries(shape)) {
    if (partial && !Object.hasOwn(object, key)) continue;
    used[key] = schema;
  }
  const { data, errors } = parseFields(used, object);
  throwIfErrors(errors);
  return data as Partial<{ [K in keyof S]: z.output<S[K]> }>;
}

export function throwIfErrors(errors: FieldErrors): void {
  const first = Object.values(errors)[0]?.[0];
  if (first) throw new AppError(400, 'invalid', first, errors);
}

/** JSON-schema-friendly zod objects for the OpenAPI document (validation goes through parseBody). */
export const docs = {
  game: z.object(gameShape),
  run: z.object(runShape),
  wipe: z.object(wipeShape),
  timer: z.object(timerShape),
};
