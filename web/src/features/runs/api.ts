/** REST calls of the runs pages. */
import { api } from '../../api/session.js';
import type { RunInfo } from './model.js';

export interface Game {
  id: number;
  name: string;
}

export const listRuns = () => api<RunInfo[]>('/api/runs/');
export const getRun = (id: string) => api<RunInfo>(`/api/runs/${id}/`);
export const listGames = () => api<Game[]>('/api/games/');
export const createGame = (name: string) => api<Game>('/api/games/', { method: 'POST', body: { name } });
export const createRun = (body: { name: string; game: number; mode: string; youtube_link?: string | null }) =>
  api<RunInfo>('/api/runs/', { method: 'POST', body });
export const updateRun = (id: number, body: Partial<RunInfo>) =>
  api<RunInfo>(`/api/runs/${id}/`, { method: 'PATCH', body });

export interface Stats {
  run: RunInfo;
  wipes: {
    id: number;
    segment_name: string;
    count: number;
    pulls: number;
    best_progress: number | null;
    is_finished: boolean;
  }[];
  timers: { id: number; segment_name: string; elapsed_time: number | null; is_finished: boolean }[];
  total_wipes: number;
  total_time: number | null;
}
export const getStats = (id: string) => api<Stats>(`/api/runs/${id}/stats/`);
export const issueControlToken = (id: number) =>
  api<{ token: string }>(`/api/runs/${id}/control-token/`, { method: 'POST' });
export const revokeControlToken = (id: number) =>
  api<unknown>(`/api/runs/${id}/control-token/`, { method: 'DELETE' });
