import { API_ROOT } from '../api';
import { timeZone } from './dateTime';

/** Downloads a file the staff API answers (a CSV, a PDF) under the name the server gives it. */
export async function download(path: string, fallbackName: string): Promise<string | null> {
  const res = await fetch(`${API_ROOT}${path}`, { credentials: 'include' });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string };
    return problem.detail ?? res.statusText;
  }
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  return null;
}

/** `YYYY-MM` of today in the marketplace's zone (PASAR_TIMEZONE), the marketplace's month. */
export function thisMonth(): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone: timeZone(), year: 'numeric', month: '2-digit' })
    .formatToParts(new Date())
    .reduce<Record<string, string>>((a, p) => ({ ...a, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}`;
}
