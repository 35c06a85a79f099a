/** `/polls/o/<token>/builder/`: pick overlay colours, font and options; copy the resulting OBS URL. */
import { useState } from 'preact/hooks';
import { useTitle, type PageProps } from '../../router/router.js';
import { DEFAULT_OVERLAY, overlayQuery, type OverlayOptions } from './overlay-options.js';

export function OverlayBuilderPage({ params }: PageProps) {
  useTitle('Poll overlay builder');
  const [o, setO] = useState<OverlayOptions>(DEFAULT_OVERLAY);
  const url = `${location.origin}/polls/o/${params.token ?? ''}/${overlayQuery(o)}`;
  const set = <K extends keyof OverlayOptions>(key: K, value: OverlayOptions[K]) =>
    setO((prev) => ({ ...prev, [key]: value }));
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Poll overlay builder</h1>
      <div class="layout-builder">
        <div class="card form">
          <label>
            Bar colour <input value={o.color} onInput={(e) => set('color', e.currentTarget.value)} />
          </label>
          <label>
            Text colour <input value={o.text} onInput={(e) => set('text', e.currentTarget.value)} />
          </label>
          <label>
            Font <input value={o.font} onInput={(e) => set('font', e.currentTarget.value)} />
          </label>
          <label>
            Size{' '}
            <input
              type="number"
              min={8}
              max={96}
              value={o.size}
              onInput={(e) => set('size', Number(e.currentTarget.value))}
            />
          </label>
          <div class="choices">
            <label>
              <input type="checkbox" checked={o.pct} onChange={(e) => set('pct', e.currentTarget.checked)} />{' '}
              Percentages
            </label>
            <label>
              <input
                type="checkbox"
                checked={o.total}
                onChange={(e) => set('total', e.currentTarget.checked)}
              />{' '}
              Total votes
            </label>
            <label>
              <input
                type="checkbox"
                checked={o.title}
                onChange={(e) => set('title', e.currentTarget.checked)}
              />{' '}
              Question title
            </label>
          </div>
          <label>
            Chart{' '}
            <select
              value={o.chart}
              onChange={(e) => set('chart', e.currentTarget.value === 'column' ? 'column' : 'bar')}
            >
              <option value="bar">horizontal bars</option>
              <option value="column">columns</option>
            </select>
          </label>
          <div>
            <p class="field-hint">OBS browser source URL</p>
            <p class="copy-row">
              <code class="url" data-testid="overlay-url">
                {url}
              </code>
              <button
                type="button"
                class="button-secondary button-small"
                onClick={() => void navigator.clipboard?.writeText(url)}
              >
                Copy
              </button>
            </p>
          </div>
        </div>
        <div>
          <h2>Preview</h2>
          <iframe class="overlay-preview" title="Overlay preview" src={url} />
        </div>
      </div>
    </section>
  );
}
