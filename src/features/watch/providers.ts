/**
 * The embed provider abstraction: one place turns a room's media identity into what a player
 * loads. Vidking keeps StreamIt's exact URLs and errors; YouTube and direct video files are added.
 */
export interface MediaRef {
  provider: string;
  id: string;
  mediaType?: string | undefined;
  season?: number | undefined;
  episode?: number | undefined;
}

export interface ResolvedMedia {
  provider: 'vidking' | 'youtube' | 'direct';
  /** The id the room stores (video id, Vidking id, or the file URL). */
  id: string;
  /** What the player loads: an embed URL or the file itself. */
  url: string;
  capabilities: {
    seek: boolean;
    pause: boolean;
    resume: boolean;
    autoplay: boolean;
    supports_events: boolean;
    supports_progress: boolean;
  };
}

export class ProviderError extends Error {}

const FULL = {
  seek: true,
  pause: true,
  resume: true,
  autoplay: true,
  supports_events: true,
  supports_progress: true,
};

export function vidkingUrl(ref: MediaRef): string {
  if (ref.mediaType !== 'movie' && ref.mediaType !== 'tv') {
    throw new ProviderError('Vidking supports only movie or tv media types');
  }
  if (ref.mediaType === 'movie') return `https://www.vidking.net/embed/movie/${encodeURIComponent(ref.id)}`;
  if (ref.season === undefined || ref.episode === undefined)
    throw new ProviderError('TV playback requires season and episode');
  return `https://www.vidking.net/embed/tv/${encodeURIComponent(ref.id)}/${ref.season}/${ref.episode}`;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** The 11-character video id of a YouTube URL (watch, youtu.be, embed, shorts), or null. */
export function youtubeId(input: string): string | null {
  if (YOUTUBE_ID.test(input)) return input;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^www\.|^m\./, '');
  let id: string | null = null;
  if (host === 'youtu.be') id = url.pathname.slice(1);
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    id = url.searchParams.get('v') ?? /^\/(?:embed|shorts|live)\/([^/]+)/.exec(url.pathname)?.[1] ?? null;
  }
  return id && YOUTUBE_ID.test(id) ? id : null;
}

/** Resolves a media reference; throws ProviderError with a user-facing message. */
export function resolveMedia(ref: MediaRef): ResolvedMedia {
  if (ref.provider === 'vidking')
    return { provider: 'vidking', id: ref.id, url: vidkingUrl(ref), capabilities: FULL };
  if (ref.provider === 'youtube') {
    const id = youtubeId(ref.id);
    if (!id) throw new ProviderError('Not a YouTube video URL or id');
    return {
      provider: 'youtube',
      id,
      url: `https://www.youtube.com/embed/${id}?enablejsapi=1`,
      capabilities: FULL,
    };
  }
  if (ref.provider === 'direct' || ref.provider === '') return direct(ref.id);
  throw new ProviderError(`Unknown provider ${ref.provider}`);
}

function direct(input: string): ResolvedMedia {
  // A path on this server (test videos, uploads behind a proxy) or an http(s) URL.
  if (input.startsWith('/') && !input.startsWith('//'))
    return { provider: 'direct', id: input, url: input, capabilities: FULL };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ProviderError('Not a valid video URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProviderError('Video URLs must be http or https');
  return { provider: 'direct', id: url.toString(), url: url.toString(), capabilities: FULL };
}

/** Guesses the provider of a URL a user pasted (SyncPlay's change-video sends only a URL). */
export function mediaFromUrl(url: string): ResolvedMedia {
  const yt = youtubeId(url);
  if (yt && !url.startsWith('/')) return resolveMedia({ provider: 'youtube', id: yt });
  return resolveMedia({ provider: 'direct', id: url });
}
