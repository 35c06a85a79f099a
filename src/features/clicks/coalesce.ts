/**
 * Leading-and-trailing coalescing on one timer: the first item in a quiet period is emitted at
 * once (a single join toast is not delayed); items arriving within `windowMs` after an emission
 * are gathered and emitted together when the window ends. Used for join/leave toasts (a lecture
 * hall connecting at once gets one toast per second, not hundreds) and for `status` broadcasts.
 */
export class Coalescer<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly emit: (items: T[]) => void,
  ) {}

  add(item: T): void {
    if (this.timer) {
      this.pending.push(item);
      return;
    }
    this.emit([item]);
    this.arm();
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.pending.length === 0) return;
      const items = this.pending;
      this.pending = [];
      this.emit(items);
      this.arm();
    }, this.windowMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}

/** "A", "A und B", "A, B und C", "A, B, C und 4 weitere" (the seed's toasts are German). */
export function joinNames(names: string[]): string {
  const unique = [...new Set(names)];
  if (unique.length === 1) return unique[0] ?? '';
  if (unique.length <= 3) return `${unique.slice(0, -1).join(', ')} und ${unique[unique.length - 1]}`;
  return `${unique.slice(0, 3).join(', ')} und ${unique.length - 3} weitere`;
}

/** Toast texts, exactly the seed's for one name. */
export const texts = {
  joined: (names: string[]) =>
    names.length === 1 || new Set(names).size === 1
      ? `${names[0]} ist beigetreten.`
      : `${joinNames(names)} sind beigetreten.`,
  left: (names: string[]) =>
    names.length === 1 || new Set(names).size === 1
      ? `${names[0]} hat verlassen.`
      : `${joinNames(names)} haben verlassen.`,
  renamed: (from: string, to: string) => `${from} hat sich umbenannt zu ${to}.`,
  milestone: (user: string, n: number) => `${user} erreicht ${n} Klicks!`,
  triggered: (user: string, name: string) => `${user} triggered ${name}!`,
};
