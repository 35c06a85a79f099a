/** `/runs/create/`: pick or add a game, name the run, choose the mode, optional YouTube link. */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/errors.js';
import { RequireAuth } from '../../components/RequireAuth.js';
import { navigate, useTitle } from '../../router/router.js';
import { createGame, createRun, listGames, type Game } from './api.js';

function CreateRunForm() {
  const [games, setGames] = useState<Game[]>([]);
  const [gameId, setGameId] = useState('');
  const [newGame, setNewGame] = useState('');
  const [name, setName] = useState('');
  const [mode, setMode] = useState('WIPECOUNTER');
  const [youtube, setYoutube] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    listGames().then(
      (list) => {
        setGames(list);
        if (list[0]) setGameId(String(list[0].id));
      },
      (err: Error) => setError(err.message),
    );
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let game = Number(gameId);
      if (newGame.trim()) game = (await createGame(newGame.trim())).id;
      if (!game) throw new Error('Choose a game or add a new one.');
      const run = await createRun({ name, game, mode, youtube_link: youtube.trim() || null });
      navigate(`/runs/${run.id}/`);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : 'Could not create the run.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page page-narrow" aria-labelledby="page-title">
      <h1 id="page-title">New run</h1>
      <form class="card form" onSubmit={submit}>
        {error ? (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="field">
          <label for="run-game">Game</label>
          <select
            id="run-game"
            value={gameId}
            onChange={(e) => setGameId((e.target as HTMLSelectElement).value)}
          >
            <option value="">—</option>
            {games.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="run-new-game">…or add a game</label>
          <input
            id="run-new-game"
            maxLength={50}
            value={newGame}
            onInput={(e) => setNewGame((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="run-name">Run name</label>
          <input
            id="run-name"
            required
            maxLength={50}
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </div>
        <fieldset class="field">
          <legend>Mode</legend>
          <label>
            <input
              type="radio"
              name="mode"
              value="WIPECOUNTER"
              checked={mode === 'WIPECOUNTER'}
              onChange={() => setMode('WIPECOUNTER')}
            />{' '}
            Wipe counter
          </label>{' '}
          <label>
            <input
              type="radio"
              name="mode"
              value="SPEEDRUN"
              checked={mode === 'SPEEDRUN'}
              onChange={() => setMode('SPEEDRUN')}
            />{' '}
            Speedrun
          </label>
        </fieldset>
        <div class="field">
          <label for="run-youtube">YouTube link (optional)</label>
          <input
            id="run-youtube"
            type="url"
            value={youtube}
            onInput={(e) => setYoutube((e.target as HTMLInputElement).value)}
          />
        </div>
        <button class="button button-block" type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create run'}
        </button>
      </form>
    </section>
  );
}

export function CreateRunPage() {
  useTitle('New run');
  return (
    <RequireAuth>
      <CreateRunForm />
    </RequireAuth>
  );
}
