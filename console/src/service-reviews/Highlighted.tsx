import { Box, Typography } from '@mui/material';

export interface ContactMatch {
  kind: string;
  start: number;
  end: number;
  text: string;
}

/** CAT-3: the text with each contact detail found in it marked, from the offsets the server stored. */
export function Highlighted({ text, matches }: { text: string; matches: ContactMatch[] }) {
  const parts: { text: string; match?: ContactMatch }[] = [];
  let at = 0;
  for (const m of [...matches].sort((a, b) => a.start - b.start)) {
    if (m.start > at) parts.push({ text: text.slice(at, m.start) });
    parts.push({ text: text.slice(m.start, m.end), match: m });
    at = m.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return (
    <Typography component="div" sx={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((p, i) =>
        p.match ? (
          <Box
            component="mark"
            key={i}
            title={p.match.kind}
            data-testid="contact-match"
            sx={{ bgcolor: 'warning.light', px: 0.25, borderRadius: 0.5 }}
          >
            {p.text}
          </Box>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </Typography>
  );
}
