import { useState } from 'react';
import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { TimelineList, type TimelineItem } from '../orders/OrderShow';

/**
 * The history of a case without an order timeline (report, identity check, seller application): what was
 * done to it and its internal notes, in time order, as the server answers it in `timeline` (staff only).
 */
export function CaseHistory() {
  const record = useRecordContext<{ timeline?: TimelineItem[] }>();
  const translate = useTranslate();
  if (!record?.timeline) return null;
  return (
    <Card variant="outlined" sx={{ width: '100%' }} data-testid="case-history">
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {translate('decisions.notes.history')}
        </Typography>
        {record.timeline.length ? (
          <TimelineList items={record.timeline} />
        ) : (
          <Typography variant="body2">{translate('decisions.notes.empty')}</Typography>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * Adds an internal note to a case: staff of the case's queue only, audited by the server, never in any answer
 * of the public API. The notes themselves stand in the case's timeline, marked internal, in time order with
 * the other entries (the page reloads the case after a note is added).
 */
export function CaseNotes({ kind }: { kind: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const add = async () => {
    setBusy(true);
    try {
      await httpClient(`${API_ROOT}/case-notes/${kind}/${record.id}`, {
        method: 'POST',
        body: JSON.stringify({ body: text }),
      });
      setText('');
      notify('decisions.notes.added', { type: 'success' });
      refresh();
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
          {translate('decisions.notes.hint')} {translate('decisions.notes.in_timeline')}
        </Alert>
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
