/**
 * Input schemas of the polls module (REST bodies and socket frames), with the seed's error wording
 * where Wiperino had one. One schema gives the type, the runtime check and the OpenAPI document.
 */
import { z } from 'zod';

export const VISIBILITIES = ['live', 'after_vote', 'after_close', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const KINDS = ['single', 'multiple'] as const;
export type Kind = (typeof KINDS)[number];

/** Most answers a question may have (the seed had no bound; a bar chart stops being readable). */
export const MAX_ANSWERS = 20;

export const createSessionSchema = z.object({
  /** Links the session to a run (signed-in users only); kept as given, runs own its meaning. */
  run_id: z
    .union([z.string().trim().min(1).max(64), z.number().int().nonnegative()])
    .optional()
    .nullable(),
});

const questionText = z
  .string({ error: 'This field is required.' })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'Question cannot be empty.')
      .max(300, 'Ensure this field has no more than 300 characters.'),
  );

const answersList = z
  .array(
    z
      .string({ error: 'Each answer must be a string.' })
      .transform((s) => s.trim())
      .pipe(
        z
          .string()
          .min(1, 'Answers cannot be empty.')
          .max(100, 'Ensure this field has no more than 100 characters.'),
      ),
    { error: 'Expected a list of answers.' },
  )
  .min(2, 'A question needs at least 2 answers.')
  .max(MAX_ANSWERS, `A question can have at most ${MAX_ANSWERS} answers.`)
  .refine((list) => new Set(list).size === list.length, 'Question cannot have duplicate answers.');

const settingsShape = {
  kind: z.enum(KINDS).optional(),
  max_choices: z.number().int().min(1).max(MAX_ANSWERS).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
};

/** POST /api/polls/m/<token>/: the seed's `{question, answers}` plus Roomful's per-question settings. */
export const addQuestionSchema = z.object({ question: questionText, answers: answersList, ...settingsShape });
export type AddQuestionInput = z.infer<typeof addQuestionSchema>;

/** PATCH of a question: the text and the settings; answers are fixed once created (ballots refer to them). */
export const changeQuestionSchema = z.object({ question: questionText.optional(), ...settingsShape });
export type ChangeQuestionInput = z.infer<typeof changeQuestionSchema>;

export const countdownSchema = z.object({
  seconds: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600),
});

export const MODERATOR_ACTIONS = [
  'publish',
  'unpublish',
  'close',
  'reopen',
  'reveal',
  'hide',
  'run_again',
  'countdown',
] as const;
export type ModeratorAction = (typeof MODERATOR_ACTIONS)[number];

const questionId = z.union([z.string(), z.number()]).transform(String);
/**
 * A page's `voter_id` (a UUID in Wiperino's pages; any short URL-safe id is accepted). Anything else is
 * dropped, not refused: the seed ignored `voter_id`, so a vote carrying an odd one still counts (as the
 * connection's own ballot).
 */
const VOTER_ID = /^[A-Za-z0-9_-]{8,64}$/;
const voterId = z
  .unknown()
  .transform((v) => (typeof v === 'string' && VOTER_ID.test(v) ? v : undefined))
  .optional();

/** Socket frames with a known `type`; unknown types are ignored as the seed did. */
export const frameSchemas = {
  publish_question: z.object({ question_id: questionId }),
  unpublish_question: z.object({}),
  sync_questions: z.object({}),
  delete_question: z.object({ question_id: questionId }),
  vote: z.object({
    question_id: questionId,
    answer: z.union([z.string(), z.array(z.string()).max(MAX_ANSWERS)]).optional(),
    answers: z.array(z.string()).max(MAX_ANSWERS).optional(),
    voter_id: voterId,
  }),
  close_question: z.object({ question_id: questionId }),
  reopen_question: z.object({ question_id: questionId }),
  reveal_results: z.object({ question_id: questionId }),
  hide_results: z.object({ question_id: questionId }),
  run_again: z.object({ question_id: questionId }),
  start_countdown: z.object({
    question_id: questionId,
    seconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600),
  }),
  snapshot: z.object({}),
} as const;
export type FrameType = keyof typeof frameSchemas;
export type Frame<T extends FrameType> = z.infer<(typeof frameSchemas)[T]>;
