/**
 * Account rules: creating users (both register shapes, the CLI, the demo account) and editing the
 * profile. Errors are AppErrors carrying DRF-shaped bodies (`{"field": ["message"]}`), so routes
 * only translate HTTP and the CLI can print the same messages.
 */
import type { z } from 'zod';
import type { AuthUser } from './tokens.js';
import { AppError } from '../../server/errors.js';
import type { Db } from '../../storage/database.js';
import { hashPassword } from './passwords.js';
import { passwordPolicyErrors } from './password-policy.js';
import {
  displayNameField,
  emailField,
  lobbyRegisterSchema,
  passwordField,
  profilePatchSchema,
  usernameField,
  wiperinoRegisterSchema,
} from './schemas.js';
import { parseFields, type FieldErrors } from './fields.js';
import * as store from './store.js';
import type { UserRow } from './store.js';

export type { UserRow } from './store.js';

export const USERNAME_TAKEN = 'A user with that username already exists.';
export const EMAIL_TAKEN = 'Email already exists.';
export const USERNAME_RESERVED = 'Usernames starting with "guest-" are reserved for guest users.';

/** Guests get generated `guest-xxxxxxxx` names; nobody else may take one and pass for a guest. */
function addReservedNameError(errors: FieldErrors, username: string | undefined): void {
  if (username !== undefined && /^guest-/i.test(username)) (errors.username ??= []).push(USERNAME_RESERVED);
}

/** A 400 with DRF field errors; `message` is the first one (for logs and the CLI). */
export function fieldError(errors: FieldErrors): AppError {
  const first = Object.values(errors)[0]?.[0] ?? 'Invalid input.';
  return new AppError(400, 'invalid', first, errors);
}

/** What tokens and the gateway know about a user. */
export function toAuthUser(user: UserRow): AuthUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isGuest: user.isGuest,
    isStaff: user.isStaff,
    isPremium: user.isPremium,
  };
}

/** The `GET /api/me/` representation (union of the seeds' profile fields). */
export function profileView(user: UserRow) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    display_name: user.displayName,
    is_premium: user.isPremium,
    is_staff: user.isStaff,
    is_guest: user.isGuest,
    created_at: user.createdAt.toISOString(),
  };
}

/** A new user's fields. `password` absent or null makes an account that cannot log in with a password. */
export interface CreateUserInput {
  username: string;
  email?: string | null | undefined;
  password?: string | null | undefined;
  displayName?: string | undefined;
  isStaff?: boolean;
  isSuperuser?: boolean;
  isPremium?: boolean;
  isGuest?: boolean;
}

/** Adds "already exists" errors for a username or email another user holds. */
async function addUniquenessErrors(
  db: Db,
  errors: FieldErrors,
  values: { username?: string | undefined; email?: string | null | undefined },
  exceptId?: string,
): Promise<void> {
  if (values.username !== undefined && (await store.usernameTaken(db, values.username, exceptId))) {
    (errors.username ??= []).push(USERNAME_TAKEN);
  }
  if (values.email && (await store.emailTaken(db, values.email, exceptId)))
    (errors.email ??= []).push(EMAIL_TAKEN);
}

/** Runs a write; a unique-constraint race (two requests at once) becomes the pre-check's field error. */
async function mapUniqueErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const field = store.uniqueViolation(error);
    if (field === 'username') throw fieldError({ username: [USERNAME_TAKEN] });
    if (field === 'email') throw fieldError({ email: [EMAIL_TAKEN] });
    throw error;
  }
}

/**
 * Creates a user after validating every field (username rule, email, password length, uniqueness).
 * No password-strength policy: the CLI and Wiperino's register accept any non-blank password.
 */
export async function createUser(db: Db, input: CreateUserInput, now: Date = new Date()): Promise<UserRow> {
  const { data, errors } = parseFields(
    {
      username: usernameField,
      email: emailField.optional(),
      password: passwordField.optional(),
      displayName: displayNameField.optional(),
    },
    {
      username: input.username,
      email: input.email || undefined,
      password: input.password ?? undefined,
      displayName: input.displayName,
    },
  );
  if (!input.isGuest) addReservedNameError(errors, data.username);
  await addUniquenessErrors(db, errors, data);
  const username = data.username;
  if (Object.keys(errors).length > 0 || username === undefined) throw fieldError(errors);
  const passwordHash = data.password !== undefined ? await hashPassword(data.password) : null;
  return mapUniqueErrors(() =>
    store.insertUser(db, {
      username,
      email: data.email ?? null,
      displayName: data.displayName ?? [...username].slice(0, 50).join(''),
      passwordHash,
      isGuest: input.isGuest ?? false,
      isStaff: input.isStaff ?? false,
      isSuperuser: input.isSuperuser ?? false,
      isPremium: input.isPremium ?? false,
      createdAt: now,
      updatedAt: now,
    }),
  );
}

/** The user with this username (case-insensitively unique), or undefined. */
export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return store.findUserByUsername(db, username);
}

export const DEMO_USERNAME = 'testuser';

/**
 * Creates Wiperino's demo account `testuser`/`testuser` (email testuser@example.com) unless it exists.
 * Idempotent; true when this call created it (seed-demo reports "created" or "exists").
 */
export async function ensureDemoUser(db: Db): Promise<boolean> {
  if (await store.findUserByUsername(db, DEMO_USERNAME)) return false;
  try {
    await createUser(db, { username: DEMO_USERNAME, email: 'testuser@example.com', password: 'testuser' });
    return true;
  } catch (error) {
    // Another process (a concurrent seed-demo) created it first.
    if (await store.findUserByUsername(db, DEMO_USERNAME)) return false;
    throw error;
  }
}

type RegisterShape = 'wiperino' | 'lobby';

/**
 * Registration for both seeds: DRF order (field errors, uniqueness included, before the password
 * match), then the lobby seed's Django password validators as `{"password": [...]}`.
 */
export async function register(db: Db, body: Record<string, unknown>, shape: RegisterShape, now: Date) {
  const schema = shape === 'wiperino' ? wiperinoRegisterSchema : lobbyRegisterSchema;
  const { data, errors } = parseFields(schema.shape, body);
  addReservedNameError(errors, data.username);
  await addUniquenessErrors(db, errors, data);
  if (shape === 'lobby' && data.password !== undefined) {
    const policy = passwordPolicyErrors(data.password, { username: data.username, email: data.email });
    if (policy.length > 0) (errors.password ??= []).push(...policy);
  }
  if (Object.keys(errors).length > 0) throw fieldError(errors);
  const values = data as z.infer<typeof wiperinoRegisterSchema> & { password_confirm?: string };
  const confirmation = shape === 'wiperino' ? values.password2 : values.password_confirm;
  if (values.password !== confirmation) {
    throw fieldError({
      non_field_errors: [shape === 'wiperino' ? "Passwords don't match." : "Passwords don't match"],
    });
  }
  return createUser(db, { username: values.username, email: values.email, password: values.password }, now);
}

/** `PATCH /api/me/`: username, email and display name only; read-only fields are ignored as DRF does. */
export async function updateProfile(db: Db, user: UserRow, body: Record<string, unknown>, now: Date) {
  const { data, errors } = parseFields(profilePatchSchema.shape, body);
  if (data.username !== user.username) addReservedNameError(errors, data.username);
  await addUniquenessErrors(db, errors, data, user.id);
  if (Object.keys(errors).length > 0) throw fieldError(errors);
  const changes: Partial<store.NewUser> = { updatedAt: now };
  if (data.username !== undefined) changes.username = data.username;
  if (data.email !== undefined) changes.email = data.email;
  if (data.display_name !== undefined) changes.displayName = data.display_name;
  return (await mapUniqueErrors(() => store.updateUser(db, user.id, changes))) ?? user;
}
