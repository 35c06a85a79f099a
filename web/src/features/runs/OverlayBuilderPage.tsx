/** `/runs/<id>/overlay-builder/`: pick colours, font, size and fields; preview live; copy the OBS URL. */
import { useEffect, useState } from 'preact/hooks';
import { RequireAuth } from '../../components/RequireAuth.js';
import { useTitle, type PageProps } from '../../router/router.js';
import { getRun } from './api.js';
import type { RunInfo } from './model.js';
import { DEFAULT_THEME, OVERLAY_FIELDS, themeQuery, type OverlayTheme } from './theme.js';

function Builder({ id }: { id: string }) {
  const [run, setRun] = useState<RunInfo | null>(null);
  const [theme, setTheme] = useState<OverlayTheme>({
    ...DEFAULT_THEME,
    fields: new Set(DEFAULT_THEME.fields),
  });
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    getRun(id).then(setRun, () => setRun(null));
  }, [id]);
  const path = run?.mode === 'SPEEDRUN' ? `/overlay/runs/${id}/timer/` : `/overlay/runs/${id}/`;
  const url = `${window.location.origin}${path}${themeQuery(theme)}`;
  const set = (patch: Partial<OverlayTheme>) => setTheme({ ...theme, ...patch });
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Overlay builder{run ? `: ${run.name}` : ''}</h1>
      <div class="layout-builder">
        <div class="card form">
          <div class="choices">
            <label>
              Text colour{' '}
              <input
                type="color"
                value={theme.color.startsWith('#') ? theme.color : '#ffffff'}
                onInput={(e) => set({ color: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label>
              Accent colour{' '}
              <input
                type="color"
                value={theme.accent.startsWith('#') ? theme.accent : '#ffd166'}
                onInput={(e) => set({ accent: (e.target as HTMLInputElement).value })}
              />
            </label>
          </div>
          <label>
            <input
              type="checkbox"
              checked={theme.background === 'transparent'}
              onChange={(e) =>
                set({ background: (e.target as HTMLInputElement).checked ? 'transparent' : '#000000' })
              }
            />{' '}
            Transparent background
          </label>
          <label>
            Font{' '}
            <input
              value={theme.font}
              maxLength={40}
              onInput={(e) => set({ font: (e.target as HTMLInputElement).value || 'system-ui' })}
            />
          </label>
          <div class="choices">
            <label>
              Size (px){' '}
              <input
                type="number"
                min={8}
                max={200}
                value={theme.size}
                onInput={(e) => set({ size: Number((e.target as HTMLInputElement).value) || 24 })}
              />
            </label>
            <label>
              Segments shown{' '}
              <input
                type="number"
                min={1}
                max={50}
                value={theme.limit}
                onInput={(e) => set({ limit: Number((e.target as HTMLInputElement).value) || 10 })}
              />
            </label>
          </div>
          <fieldset class="choices">
            <legend>Fields</legend>
            {OVERLAY_FIELDS.map((f) => (
              <label key={f}>
                <input
                  type="checkbox"
                  checked={theme.fields.has(f)}
                  onChange={(e) => {
                    const fields = new Set(theme.fields);
                    if ((e.target as HTMLInputElement).checked) fields.add(f);
                    else fields.delete(f);
                    set({ fields });
                  }}
                />{' '}
                {f}
              </label>
            ))}
          </fieldset>
          <p class="copy-row">
            <code class="url">{url}</code>
            <button
              class="button button-secondary button-small"
              type="button"
              onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}
            >
              {copied ? 'Copied' : 'Copy URL'}
            </button>
          </p>
        </div>
        <div>
          <h2>Preview</h2>
          <iframe class="overlay-preview" title="Overlay preview" src={`${path}${themeQuery(theme)}`} />
        </div>
      </div>
    </section>
  );
}

export function OverlayBuilderPage({ params }: PageProps) {
  useTitle('Overlay builder');
  return (
    <RequireAuth>
      <Builder id={params.id ?? ''} />
    </RequireAuth>
  );
}
