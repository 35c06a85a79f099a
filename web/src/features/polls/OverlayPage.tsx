/**
 * `/polls/o/<token>/`: the OBS overlay. A Chart.js bar chart (horizontal by default) of the published
 * question with chartjs-plugin-datalabels labels `answer (n, p%)`; transparent, no dialogs, themed
 * by URL parameters; it reconnects forever and redraws from the server's snapshot.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, type Plugin } from 'chart.js';
import ChartDataLabels from 'chartjs-plugin-datalabels';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useLocation, useTitle, type PageProps } from '../../router/router.js';
import { barLabel, readOverlayOptions } from './overlay-options.js';
import { usePoll } from './poll-client.js';

// The labels plugin is given to this chart only: registered globally it would print a label on
// every bar of the other pages' charts (click wall and run stats) too.
Chart.register(BarController, BarElement, CategoryScale, LinearScale);

export function OverlayPage({ params }: PageProps) {
  useTitle('Poll overlay');
  const { search } = useLocation();
  const options = useMemo(() => readOverlayOptions(search), [search]);
  const { state } = usePoll(params.token ?? '');
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const q = state.questions.find((x) => x.id === state.published) ?? null;
  const answers = q?.answers ?? [];
  const counts = answers.map((a) => q?.votes[a] ?? 0);
  const sum = counts.reduce((s, n) => s + n, 0);

  useEffect(() => {
    if (!canvas.current) return undefined;
    const created = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [], backgroundColor: options.color }] },
      plugins: [ChartDataLabels as unknown as Plugin<'bar'>],
      options: {
        indexAxis: options.chart === 'bar' ? 'y' : 'x',
        animation: { duration: 300 },
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { enabled: false },
          datalabels: {
            color: options.text,
            font: { size: options.size, weight: 'bold', family: options.font },
            anchor: 'start',
            align: options.chart === 'bar' ? 'end' : 'top',
            display: (ctx) => Number(ctx.dataset.data[ctx.dataIndex] ?? 0) > 0,
            formatter: (value: number, ctx) => {
              const data = ctx.dataset.data as number[];
              const total = data.reduce((s, n) => s + n, 0);
              return barLabel(
                String(ctx.chart.data.labels?.[ctx.dataIndex] ?? ''),
                value,
                total,
                options.pct,
              );
            },
          },
        },
        scales: {
          x: { display: options.chart === 'column', ticks: { color: options.text } },
          y: { display: options.chart === 'bar' ? false : false, beginAtZero: true },
        },
      },
    });
    chart.current = created;
    return () => created.destroy();
  }, [options]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = answers;
    const dataset = c.data.datasets[0];
    if (dataset) dataset.data = counts;
    c.update();
  }, [JSON.stringify(answers), JSON.stringify(counts), options]);

  return (
    <div
      class="poll-overlay"
      data-published={q?.id ?? ''}
      data-votes={JSON.stringify(q?.votes ?? {})}
      style={{
        color: options.text,
        fontFamily: options.font,
        fontSize: `${options.size}px`,
        background: 'transparent',
        visibility: q ? 'visible' : 'hidden',
      }}
    >
      {options.title && q ? <div style={{ fontWeight: 'bold' }}>{q.question}</div> : null}
      <div
        style={{
          position: 'relative',
          height: `${Math.max(2, answers.length) * (options.size * 2.2)}px`,
          width: '100%',
        }}
      >
        <canvas
          ref={canvas}
          aria-label={
            q
              ? `Results: ${answers.map((a, i) => barLabel(a, counts[i] ?? 0, sum, options.pct)).join(', ')}`
              : 'No question'
          }
        />
      </div>
      {options.total && q ? <div>{q.total ?? sum} votes</div> : null}
    </div>
  );
}
