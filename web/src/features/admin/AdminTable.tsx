/**
 * The one list component of the admin pages: a search box, optional filters, a table of one API
 * page (20 rows) with per-row actions, and previous/next paging. `reload` re-reads the page after
 * an action so the table shows its effect.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/session.js';
import { PAGE_SIZE, type Page, type Row } from './types.js';
import { Pager } from '../../components/Pager.js';

export interface Column {
  label: string;
  render: (row: Row) => ComponentChildren;
}

export interface Filter {
  name: string;
  label: string;
  options: { value: string; label: string }[];
}

export function AdminTable({
  endpoint,
  label,
  columns,
  filters = [],
  fixed = {},
  actions,
  searchable = true,
}: {
  endpoint: string;
  label: string;
  columns: Column[];
  filters?: Filter[];
  /** Query parameters always sent (e.g. the lobby of a log). */
  fixed?: Record<string, string>;
  actions?: (row: Row, reload: () => void) => ComponentChildren;
  searchable?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Row> | null>(null);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const fixedKey = JSON.stringify(fixed);

  useEffect(() => {
    let alive = true;
    const query = new URLSearchParams(fixed);
    if (search.trim()) query.set('search', search.trim());
    for (const [k, v] of Object.entries(values)) if (v) query.set(k, v);
    if (page > 1) query.set('page', String(page));
    api<Page<Row>>(`${endpoint}?${query.toString()}`).then(
      (d) => alive && (setData(d), setError('')),
      (err: Error) => {
        if (!alive) return;
        // The last row of the last page went away: step back a page.
        if (page > 1 && /Invalid page/.test(err.message)) setPage((p) => p - 1);
        else setError(err.message);
      },
    );
    return () => {
      alive = false;
    };
  }, [endpoint, search, values, page, version, fixedKey]);

  return (
    <section aria-label={label}>
      <form
        class="form filters"
        role="search"
        aria-label={`Filter ${label}`}
        onSubmit={(e) => e.preventDefault()}
      >
        {searchable && (
          <label>
            Search{' '}
            <input
              name="search"
              type="search"
              value={search}
              onInput={(e) => (setSearch(e.currentTarget.value), setPage(1))}
            />
          </label>
        )}
        {filters.map((f) => (
          <label key={f.name}>
            {f.label}{' '}
            <select
              name={f.name}
              value={values[f.name] ?? ''}
              onChange={(e) => (setValues({ ...values, [f.name]: e.currentTarget.value }), setPage(1))}
            >
              <option value="">Any</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </form>
      {error && (
        <p role="alert" class="notice notice-error">
          {error}
        </p>
      )}
      {!data ? (
        <p role="status" class="loading">
          Loading…
        </p>
      ) : data.results.length === 0 ? (
        <p class="empty">Nothing matches.</p>
      ) : (
        <div class="card table-wrap">
          <table aria-label={label}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col">
                    {c.label}
                  </th>
                ))}
                {actions && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {data.results.map((row) => (
                <tr key={row.id}>
                  {columns.map((c) => (
                    <td key={c.label}>{c.render(row)}</td>
                  ))}
                  {actions && (
                    <td>
                      <div class="actions">{actions(row, reload)}</div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager page={page} data={data} onPage={setPage} pageSize={PAGE_SIZE} showTotal />}
    </section>
  );
}
