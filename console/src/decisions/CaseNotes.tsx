import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { useFormatDateTime } from '../common/DateTimeField';

interface Note {
  id: number;
  body: string;
  authorName: string;
  createdAt: string;
}

/**
 * Internal notes on a case, oldest first, in the case's timeline: staff of the case's queue only, audited by
 * the server, never in any answer of the public API.
 */
export function CaseNotes({ kind }: { kind: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const formatDate = useFormatDateTime();
  const notify = useNotify();
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const url = record ? `${API_ROOT}/case-notes/${kind}/${record.id}` : null;
  const load = useCallback(() => {
    if (!url) return;
    httpClient(url).then(
      ({ json }) => setNotes(json as Note[]),
      () => setNotes(null),
    );
  }, [url]);
  useEffect(load, [load]);
  if (!record || notes === null) return null;
  const add = async () => {
    setBusy(true);
    try {
      await httpClient(url!, { method: 'POST', body: JSON.stringify({ body: text }) });
      setText('');
      notify('decisions.notes.added', { type: 'success' });
      load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card variant="outlined" sx={{ width: '100%' }} data-testid="case-notes">
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('decisions.notes.title')}
        </Typography>
        <Alert severity="info" sx={{ my: 1 }}>
          {translate('decisions.notes.hint')}
        </Alert>
        {notes.length === 0 && <Typography variant="body2">{translate('decisions.notes.empty')}</Typography>}
        <Stack component="ol" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {notes.map((n) => (
            <Box component="li" key={n.id} sx={{ borderLeft: 3, borderColor: 'warning.main', pl: 1 }}>
              <Typography variant="caption">
                {n.authorName} · {formatDate(n.createdAt)}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {n.body}
              </Typography>
            </Box>
          ))}
        </Stack>
        <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'flex-start' }}>
          <TextField
            label={translate('decisions.notes.label')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            multiline
            minRows={2}
            size="small"
            sx={{ flex: 1 }}
          />
          <Button variant="outlined" onClick={() => void add()} disabled={busy || !text.trim()}>
            {translate('decisions.notes.add')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
