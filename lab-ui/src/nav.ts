// Navigation between views: the URL hash is `#/<view>?<params>`.
export function go(view: string, params: Record<string, string> = {}): void {
  location.hash = href(view, params);
}

export function href(view: string, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params).toString();
  return `#/${view}${q ? `?${q}` : ''}`;
}
