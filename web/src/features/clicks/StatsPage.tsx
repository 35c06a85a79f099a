/** Click wall statistics: clicks per hour over 7 days (Chart.js), top users and who is online. */
import { chartTheme, themedScales } from '../../components/chart-theme.js';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link, useTitle } from '../../router/router.js';
import { getJson } from './use-click-wall.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface Hour {
  timestamp: number;
  click_count: number;
  event_count: number;
}
interface User {
  name: string;
  click_count: number;
  event_count: number;
}
interface OnlineUser {
  name: string | null;
  click_count_session: number;
  event_count_session: number;
}

const DAYS = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];

/** "Mo 14:00", as the original stats page labels hours (in the viewer's time zone). */
function hourLabel(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${DAYS[d.getDay()]} ${String(d.getHours()).padStart(2, '0')}:00`;
}

export function StatsPage() {
  useTitle('Click wall statistics');
  const canvas = useRef<HTMLCanvasElement>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [online, setOnline] = useState<OnlineUser[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let chart: Chart | null = null;
    let stopped = false;
    const load = async () => {
      try {
        const [hours, allUsers, onlineUsers] = await Promise.all([
          getJson<Hour[]>('/api/latest_hours'),
          getJson<User[]>('/api/users'),
          getJson<OnlineUser[]>('/api/online_users'),
        ]);
        if (stopped) return;
        setUsers(allUsers.slice(0, 20));
        setOnline(onlineUsers.filter((u) => u.name !== null));
        const labels = hours.map((h) => hourLabel(h.timestamp));
        const data = hours.map((h) => h.click_count);
        if (chart) {
          chart.data.labels = labels;
          chart.data.datasets[0]!.data = data;
          chart.update('none');
        } else if (canvas.current) {
          chart = new Chart(canvas.current, {
            type: 'bar',
            data: { labels, datasets: [{ label: 'Clicks per hour', data, backgroundColor: '#2f6fd6' }] },
            options: {
              animation: false,
              responsive: true,
              color: chartTheme().text,
              scales: themedScales({ beginAtZero: true }),
            },
          });
        }
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    };
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => {
      stopped = true;
      clearInterval(timer);
      chart?.destroy();
    };
  }, []);

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Click wall statistics</h1>
      <p>
        <Link href="/clicks/">Back to the wall</Link>
      </p>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <h2>Clicks per hour, last 7 days</h2>
      <div class="card chart-card">
        <canvas ref={canvas} data-testid="hours-chart" height={120} />
      </div>
      <h2 class="section">Top users</h2>
      <div class="card table-wrap">
        <table data-testid="top-users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" class="num">
                Clicks
              </th>
              <th scope="col" class="num">
                Events
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.name}>
                <td>{u.name}</td>
                <td class="num">{u.click_count}</td>
                <td class="num">{u.event_count}</td>
              </tr>
            ))}
            {users.length === 0 ? (
              <tr>
                <td colSpan={3} class="muted">
                  No clicks yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <h2 class="section">Online now</h2>
      {online.length === 0 ? <p class="empty">Nobody is on the click wall right now.</p> : null}
      <ul class="item-list" data-testid="online-users">
        {online.map((u, i) => (
          <li key={`${u.name}-${i}`}>
            {u.name} ({u.click_count_session} clicks this session)
          </li>
        ))}
      </ul>
    </section>
  );
}
