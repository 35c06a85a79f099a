/** Request bodies of the watch REST routes (both dialects) and the socket frames. */
import { z } from 'zod';

const trimmed = z.string().transform((s) => s.trim());
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Must be a valid UUID.');
const seconds = z.number().finite().min(0).max(1e7);

export const mediaSchema = z.object({
  provider: z.enum(['vidking', 'youtube', 'direct']),
  id: z.string().min(1).max(2000),
  media_type: z.enum(['movie', 'tv']).optional(),
  season: z.number().int().min(0).max(10000).optional(),
  episode: z.number().int().min(0).max(100000).optional(),
  title: z.string().max(255).optional(),
});

/** StreamIt's create body, plus Roomful's options. */
export const streamitCreateSchema = z.object({
  is_private: z.boolean().default(false),
  // Any value: a public room ignores it (as StreamIt did); a private one needs PASSWORD or APPROVAL.
  entry_mode: z.string().max(50).nullish(),
  name: z.string().max(100).optional(),
  allow_succession: z.boolean().default(false),
  is_chat_enabled: z.boolean().default(true),
  media: mediaSchema.optional(),
});

/** SyncPlay's create body. */
export const syncplayCreateSchema = z.object({
  room_name: trimmed.pipe(z.string().min(3, 'Room name must be at least 3 characters long.').max(100)),
  user_name: trimmed.pipe(z.string().min(2, 'User name must be at least 2 characters long.').max(50)),
});

export const streamitJoinSchema = z.object({
  code: z.string().max(64).optional(),
  password: z.string().max(128).optional(),
});

export const syncplayJoinSchema = z.object({
  room_id: uuid,
  user_name: trimmed.pipe(z.string().min(2, 'User name must be at least 2 characters long.').max(50)),
});

export const approveSchema = z.object({ room_id: uuid, user_id: z.string().min(1).max(100) });
export const deleteSchema = z.object({ room_id: uuid });

export const progressSaveSchema = z.object({
  room_id: uuid,
  media_id: z.string().min(1).max(200),
  media_type: z.string().min(1).max(50),
  season: z.number().int().min(0).nullish(),
  episode: z.number().int().min(0).nullish(),
  timestamp: seconds.default(0),
  duration: seconds.default(0),
  progress_percent: z.number().finite().min(0).max(100).default(0),
  completed: z.boolean().default(false),
});

export const leaveSchema = z.object({ user_id: z.string().min(1, 'User ID required').max(100) });

export const controlSchema = z.object({
  user_id: z.string().min(1).max(100),
  action: z.enum(['play', 'pause', 'seek']),
  position: z.number().int().min(0).max(1e7),
});

export const changeVideoSchema = z.object({
  user_id: z.string().min(1).max(100),
  video_url: z.string().url('Enter a valid URL.').max(2000),
  video_title: z.string().max(255).default(''),
});

/** StreamIt-dialect frames (upper case) and Roomful's additions. */
export const streamitFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CHAT_MESSAGE'), message: z.unknown() }),
  z.object({
    type: z.enum(['MUTE_USER', 'UNMUTE_USER', 'KICK_USER', 'BAN_USER', 'UNBAN_USER']),
    user_id: z.union([z.string(), z.number()]).transform(String),
  }),
  z.object({ type: z.enum(['PLAY', 'PAUSE', 'SEEK']), time: seconds.default(0) }),
  z.object({ type: z.literal('SET_RATE'), rate: z.number().finite().min(0.25).max(4) }),
  z.object({ type: z.literal('SET_MEDIA'), media: mediaSchema }),
  z.object({ type: z.literal('SET_CHAT_ENABLED'), enabled: z.boolean() }),
  z.object({
    type: z.literal('PLAYER_EVENT'),
    data: z.object({
      event: z.string().max(50),
      currentTime: seconds.default(0),
      duration: seconds.default(1),
      progress: z.number().finite().min(0).max(100).default(0),
    }),
  }),
  z.object({ type: z.literal('SYNC_CHECK'), client_time: seconds }),
  z.object({ type: z.enum(['BUFFERING', 'READY']) }),
]);
export type StreamitFrame = z.infer<typeof streamitFrame>;

/** SyncPlay-dialect frames: `{type, userId, data}`. */
export const syncplayFrame = z.object({
  type: z.string().max(50),
  userId: z
    .union([z.string().max(100), z.number()])
    .transform(String)
    .optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  videoUrl: z.unknown().optional(),
  videoTitle: z.unknown().optional(),
});
export type SyncplayFrame = z.infer<typeof syncplayFrame>;
