/** Previous / Next for a DRF-style page envelope (`{count, next, previous}`, 20 per page). */

export interface PageEnvelope {
  count: number;
  next: string | null;
  previous: string | null;
}

export function Pager({
  page,
  data,
  onPage,
  pageSize = 20,
  showTotal = false,
}: {
  page: number;
  data: PageEnvelope;
  onPage: (page: number) => void;
  pageSize?: number;
  /** Add "· N in all" after the page count. */
  showTotal?: boolean;
}) {
  const pages = Math.max(1, Math.ceil(data.count / pageSize));
  return (
    <nav class="pager" aria-label="Pages">
      <button
        type="button"
        class="button-secondary"
        disabled={!data.previous}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>{' '}
      Page {page} of {pages}
      {showTotal ? ` · ${data.count} in all` : ''}{' '}
      <button type="button" class="button-secondary" disabled={!data.next} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
