/**
 * Demo data for `roomful seed-demo`: one poll session owned by testuser with a published question
 * that already has ballots, and a second question waiting in the queue. Idempotent; `clear` first
 * deletes the demo session (its questions and ballots go with it).
 */
import type { Database } from '../../storage/database.js';
import { findUserByUsername } from '../accounts/service.js';
import { newCapability, newQuestionId } from './capabilities.js';
import * as store from './store.js';

const DEMO_SESSION = 'demo-polls';

export async function seedPollsDemo(database: Database, clear: boolean): Promise<string> {
  const { db } = database;
  if (clear) await store.deleteSession(db, DEMO_SESSION);
  const existing = await store.getSession(db, DEMO_SESSION);
  if (existing)
    return `Demo poll session exists: moderator /polls/m/${(await store.sessionTokens(db, DEMO_SESSION)).moderator}`;
  const owner = await findUserByUsername(db, 'testuser');
  const tokens = { moderator: newCapability(), viewer: newCapability(), overlay: newCapability() };
  await store.insertSession(db, { id: DEMO_SESSION, ownerId: owner?.id ?? null, runId: null, tokens });
  const first = await store.insertQuestion(db, {
    id: newQuestionId(),
    sessionId: DEMO_SESSION,
    question: 'Which boss should we try next?',
    answers: ['Ragnaros', 'Nefarian', 'Onyxia'],
  });
  await store.insertQuestion(db, {
    id: newQuestionId(),
    sessionId: DEMO_SESSION,
    question: 'Which snacks? (pick up to 2)',
    answers: ['Chips', 'Fruit', 'Pizza', 'Nothing'],
    kind: 'multiple',
    maxChoices: 2,
    visibility: 'after_vote',
  });
  await store.setPublished(db, DEMO_SESSION, first.id);
  const choices = ['Ragnaros', 'Ragnaros', 'Nefarian', 'Onyxia', 'Ragnaros', 'Nefarian', 'Ragnaros'];
  await store.writeBallots(
    db,
    choices.map((choice, i) => ({ questionId: first.id, voter: `p:demo-voter-${i}`, choices: [choice] })),
    new Date(),
  );
  return [
    'Demo poll session created:',
    `  moderator /polls/m/${tokens.moderator}`,
    `  viewer    /polls/v/${tokens.viewer}`,
    `  overlay   /polls/o/${tokens.overlay}`,
  ].join('\n');
}
