/**
 * The HTML part of a notification mail, made from its text (the catalogues write text): paragraphs at blank
 * lines, line breaks kept, links clickable, everything else escaped. One plain layout for every kind.
 */
export function mailHtml(subject: string, text: string, lang: string | null): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 16px">${p.split('\n').map(withLinks).join('<br>')}</p>`)
    .join('\n');
  return [
    '<!doctype html>',
    `<html${lang ? ` lang="${escapeHtml(lang)}"` : ''}>`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f5f5f5;' +
      'font-family:Arial,Helvetica,sans-serif;color:#222">',
    '<div style="max-width:560px;margin:0' +
      ' auto;background:#fff;padding:24px;border-radius:6px;line-height:1.5">',
    paragraphs,
    '</div></body></html>',
  ].join('\n');
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;

function withLinks(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(URL_PATTERN)) {
    const url = m[0].replace(/[.,;:!?)]+$/, '');
    out += escapeHtml(line.slice(last, m.index));
    out += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = m.index + url.length;
  }
  return out + escapeHtml(line.slice(last));
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
