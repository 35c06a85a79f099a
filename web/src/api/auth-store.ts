/**
 * The signed-in user and their tokens, shared with Wiperino's own pages: the access and refresh
 * JWTs live in `localStorage.access` and `localStorage.refresh`, exactly where those pages look.
 * The access token is refreshed at `/api/token/refresh/` shortly before it expires (its `exp` is
 * decoded here), and once more when the server answers 401. Other tabs that change the tokens are
 * followed through the `storage` event.
 */
import { ApiError } from './errors.js';
import { httpRequest, type FetchLike, type HttpRequest } from './http.js';
import { decodeJwtPayload, isExpired, refreshDelay, type JwtPayload } from './jwt.js';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The user as `/api/me/` describes them (fields absent from a token stay undefined until then). */
export interface AuthUser {
  id: string;
  username: string;
  display_name: string;
  email?: string | null;
  is_premium: boolean;
  is_staff: boolean;
  is_guest: boolean;
  created_at?: string;
}

export interface AuthSnapshot {
  user: AuthUser | null;
  /** False until the stored tokens have been checked at start-up. */
  ready: boolean;
}

interface TokenPair {
  access?: string;
  access_token?: string;
  refresh?: string;
}

export interface LoginResponse extends TokenPair {
  id?: string;
  username?: string;
  display_name?: string;
  is_guest?: boolean;
}

export interface RegisterFields {
  username: string;
  email: string;
  password: string;
  password2: string;
}

export interface AuthStoreDeps {
  storage: StorageLike;
  fetch?: FetchLike;
  now?: () => number;
  /** Where `storage` events come from (the window); omitted in tests. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

const ACCESS_KEY = 'access';
const REFRESH_KEY = 'refresh';
/** An access token this close to expiry is refreshed before use. */
const EXPIRY_MARGIN_MS = 10_000;
/** Retry a refresh that failed on the network after this long. */
const NETWORK_RETRY_MS = 15_000;

/** The user a token speaks for, as far as its claims tell. */
export function userFromToken(token: string | null): AuthUser | null {
  const payload = decodeJwtPayload(token);
  if (!payload) return null;
  const id = payload.sub ?? payload.user_id;
  const username = typeof payload.username === 'string' ? payload.username : '';
  return {
    id: id === undefined ? '' : String(id),
    username,
    display_name: displayNameOf(payload) || username,
    is_guest: payload.is_guest === true,
    is_staff: payload.is_staff === true,
    is_premium: payload.is_premium === true,
  };
}

/** The server percent-encodes the display name as `dn` (keeps the payload atob-safe for Wiperino's pages). */
function displayNameOf(payload: JwtPayload): string {
  if (typeof payload.dn === 'string') {
    try {
      return decodeURIComponent(payload.dn);
    } catch {
      return '';
    }
  }
  return typeof payload.display_name === 'string' ? payload.display_name : '';
}

export class AuthStore {
  private snapshot: AuthSnapshot = { user: null, ready: false };
  private readonly listeners = new Set<(snapshot: AuthSnapshot) => void>();
  private refreshing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: AuthStoreDeps) {
    this.now = deps.now ?? Date.now;
  }

  get state(): AuthSnapshot {
    return this.snapshot;
  }

  get access(): string | null {
    return this.deps.storage.getItem(ACCESS_KEY);
  }

  get refreshToken(): string | null {
    return this.deps.storage.getItem(REFRESH_KEY);
  }

  subscribe(listener: (snapshot: AuthSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the stored tokens, refreshes or drops them as needed, and loads the profile. */
  async start(): Promise<void> {
    this.deps.events?.addEventListener('storage', this.onStorage);
    const now = this.now();
    if (!isExpired(this.access, now, EXPIRY_MARGIN_MS)) {
      this.publish(userFromToken(this.access));
      this.schedule();
    } else if (!isExpired(this.refreshToken, now)) {
      await this.refresh();
    } else {
      this.clearTokens();
    }
    // The token already names the user: show them now, and fill in the profile when it arrives.
    this.snapshot = { ...this.snapshot, ready: true };
    this.emit();
    if (this.snapshot.user) await this.loadMe().catch(() => undefined);
  }

  /** Stops timers and listeners (tests, hot reload). */
  stop(): void {
    this.deps.events?.removeEventListener('storage', this.onStorage);
    this.unschedule();
  }

  /** A usable access token (refreshed first when about to expire), or null when signed out. */
  async accessToken(): Promise<string | null> {
    const access = this.access;
    if (access && !isExpired(access, this.now(), EXPIRY_MARGIN_MS)) return access;
    if (!this.refreshToken) return null;
    return (await this.refresh()) ? this.access : null;
  }

  /** Trades the refresh token for a new access token; one request at a time. False when it failed. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const refresh = this.refreshToken;
    if (!refresh || isExpired(refresh, this.now())) {
      this.signedOut();
      return false;
    }
    try {
      const pair = await httpRequest<TokenPair>(
        '/api/token/refresh/',
        { body: { refresh } },
        this.deps.fetch,
      );
      this.storeTokens(pair);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
        // The refresh token was refused (expired, revoked): the session is over.
        this.signedOut();
      } else {
        this.unschedule();
        this.timer = setTimeout(() => void this.refresh(), NETWORK_RETRY_MS);
      }
      return false;
    }
  }

  /** Signs in with a username, or an email when the name contains `@`. */
  async login(identifier: string, password: string): Promise<AuthUser> {
    const name = identifier.trim();
    const body = name.includes('@') ? { email: name, password } : { username: name, password };
    const response = await httpRequest<LoginResponse>('/api/login/', { body }, this.deps.fetch);
    this.storeTokens(response);
    const fromToken = userFromToken(this.access);
    if (fromToken) {
      this.publish({
        ...fromToken,
        id: response.id ?? fromToken.id,
        username: response.username ?? fromToken.username,
        display_name: response.display_name || fromToken.display_name,
        is_guest: response.is_guest ?? fromToken.is_guest,
      });
    }
    await this.loadMe().catch(() => undefined);
    if (!this.snapshot.user) throw new ApiError(500, 'Signing in failed: the server sent no usable token.');
    return this.snapshot.user;
  }

  /** Creates the account, then signs in with it. */
  async register(fields: RegisterFields): Promise<AuthUser> {
    await httpRequest<{ username: string; email: string }>(
      '/api/register/',
      { body: fields },
      this.deps.fetch,
    );
    return this.login(fields.username, fields.password);
  }

  /** Tells the server (best effort) and forgets the tokens. */
  async logout(): Promise<void> {
    const access = this.access;
    const refresh = this.refreshToken;
    this.unschedule();
    if (access || refresh) {
      try {
        await httpRequest(
          '/api/auth/logout/',
          { body: refresh ? { refresh } : {}, token: access },
          this.deps.fetch,
        );
      } catch {
        // Signing out locally must work even when the server cannot be reached.
      }
    }
    this.signedOut();
  }

  /** Refreshes the user from `/api/me/`. */
  async loadMe(): Promise<AuthUser> {
    const me = await this.request<AuthUser>('/api/me/');
    this.publish({ ...me, id: String(me.id) });
    return me;
  }

  /**
   * An authenticated request: sends the Bearer token when signed in, and on a 401 refreshes the
   * token once and tries again.
   */
  async request<T>(path: string, request: Omit<HttpRequest, 'token'> = {}): Promise<T> {
    const token = await this.accessToken();
    try {
      return await httpRequest<T>(path, { ...request, token }, this.deps.fetch);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || !this.refreshToken) throw err;
      if (!(await this.refresh())) throw err;
      return httpRequest<T>(path, { ...request, token: this.access }, this.deps.fetch);
    }
  }

  private storeTokens(pair: TokenPair): void {
    const access = pair.access ?? pair.access_token;
    if (!access) throw new ApiError(500, 'The server sent no access token.');
    this.deps.storage.setItem(ACCESS_KEY, access);
    // Wiperino's refresh answers only `{access}`: keep the refresh token we have.
    if (pair.refresh) this.deps.storage.setItem(REFRESH_KEY, pair.refresh);
    const fromToken = userFromToken(access);
    // Keep fields only /api/me/ knows (email, created_at) while it is the same user.
    const current = this.snapshot.user;
    this.publish(
      fromToken && current && current.id === fromToken.id ? { ...current, ...fromToken } : fromToken,
    );
    this.schedule();
  }

  private schedule(): void {
    this.unschedule();
    const access = this.access;
    const delay = access ? refreshDelay(access, this.now()) : null;
    // Timers longer than ~24.8 days overflow; such tokens are refreshed on use instead.
    if (delay !== null && delay < 2 ** 31 - 1) this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private unschedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private clearTokens(): void {
    this.deps.storage.removeItem(ACCESS_KEY);
    this.deps.storage.removeItem(REFRESH_KEY);
  }

  private signedOut(): void {
    this.unschedule();
    this.clearTokens();
    this.publish(null);
  }

  /** Another tab signed in, refreshed or signed out. */
  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key !== null && event.key !== ACCESS_KEY && event.key !== REFRESH_KEY) return;
    const access = this.access;
    if (!access && !this.refreshToken) {
      this.unschedule();
      this.publish(null);
      return;
    }
    const fromToken = userFromToken(access);
    const current = this.snapshot.user;
    if (fromToken)
      this.publish(current && current.id === fromToken.id ? { ...current, ...fromToken } : fromToken);
    this.schedule();
    if (fromToken && (!current || current.id !== fromToken.id)) void this.loadMe().catch(() => undefined);
  };

  private publish(user: AuthUser | null): void {
    this.snapshot = { ...this.snapshot, user };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.snapshot);
  }
}
