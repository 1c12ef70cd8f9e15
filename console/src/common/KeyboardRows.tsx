import { useEffect } from 'react';

const ROW = 'tr.RaDatagrid-clickableRow';

/**
 * Queue rows reachable with Tab and opened with Enter (issue 16, item 10). react-admin's rows open on a
 * click only, so every clickable row in the page gets a tab stop, and Enter on a focused row clicks it.
 */
export function KeyboardRows() {
  useEffect(() => {
    const mark = () =>
      document.querySelectorAll<HTMLTableRowElement>(`${ROW}:not([tabindex])`).forEach((row) => {
        row.tabIndex = 0;
      });
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if ((e.key === 'Enter' || e.key === ' ') && target?.matches(ROW)) {
        e.preventDefault();
        target.click();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      observer.disconnect();
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  return null;
}
