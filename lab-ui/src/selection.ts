// The runs picked for comparison, shared by the runs list and the compare view (kept for the browser session).
const KEY = 'fluctlight-lab:selection';

function load(): string[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Selected run ids in the order they were picked (the first is the default baseline). */
export const selection = {
  ids: load(),
  has(id: string): boolean {
    return this.ids.includes(id);
  },
  toggle(id: string, on: boolean): void {
    this.ids = on ? (this.has(id) ? this.ids : [...this.ids, id]) : this.ids.filter((x) => x !== id);
    sessionStorage.setItem(KEY, JSON.stringify(this.ids));
  },
  set(ids: readonly string[]): void {
    this.ids = [...ids];
    sessionStorage.setItem(KEY, JSON.stringify(this.ids));
  },
};
