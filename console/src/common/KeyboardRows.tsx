import { useEffect } from 'react';
import { useTranslate } from 'react-admin';

const ROW = 'tr.RaDatagrid-clickableRow';

/**
 * Queue rows reachable with Tab and opened with Enter (issue 16, item 10). react-admin's rows open on a
 * click only, so every clickable row in the page gets a tab stop, and Enter on a focused row clicks it.
 * Its row checkboxes put their label on the wrapper, not on the input a screen reader announces: the
 * label moves to the input and names the row ("Select this row: 12"). Spinners get a name ("Loading").
 */
export function KeyboardRows() {
  const translate = useTranslate();
  const loading = translate('ra.page.loading');
  useEffect(() => {
    const mark = () => {
      document.querySelectorAll<HTMLTableRowElement>(`${ROW}:not([tabindex])`).forEach((row) => {
        row.tabIndex = 0;
      });
      document.querySelectorAll<HTMLElement>('.select-item[aria-label]').forEach((box) => {
        const input = box.querySelector('input');
        if (!input) return;
        const cell = box.closest('td')?.nextElementSibling as HTMLElement | null;
        const name = cell?.innerText.trim();
        input.setAttribute('aria-label', `${box.getAttribute('aria-label')}${name ? `: ${name}` : ''}`);
        box.removeAttribute('aria-label');
      });
      document.querySelectorAll<HTMLElement>('[role="progressbar"]:not([aria-label])').forEach((bar) => {
        bar.setAttribute('aria-label', loading);
      });
    };
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
  }, [loading]);
  return null;
}
