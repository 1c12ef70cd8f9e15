import { useEffect, useRef, useState } from 'react';
import { Alert, Button, FormControlLabel, Paper, Stack, Switch, Typography } from '@mui/material';
import { useGetIdentity, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { API_ROOT, httpClient } from '../api';
import { ActionDialogButton } from './ActionDialogButton';
import { SlaCountdown, type SlaState } from './SlaField';

interface QueueItem {
  id: number;
  resource: string;
  queue: string;
  role: string;
  open: boolean;
  /** Waiting for a staff decision: a case that stops waiting on this page was decided here. */
  waiting: boolean;
  assignedTo: number | null;
  assignedName: string | null;
  slaDueAt: string | null;
  slaLeftMs: number | null;
  slaState: SlaState | null;
}

/** Where a staff member's "open the next case after a decision" choice is kept in this browser. */
export const autoNextKey = (staffId: unknown) => `pasar.autoNextCase.${String(staffId)}`;

/** OPS-2: the per-user choice to go on to the next case by itself after a decision (default on). */
function useAutoNext(staffId: unknown) {
  const key = staffId === undefined ? null : autoNextKey(staffId);
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (key) setOn(localStorage.getItem(key) !== 'off');
  }, [key]);
  const change = (v: boolean) => {
    setOn(v);
    if (key) localStorage.setItem(key, v ? 'on' : 'off');
  };
  return [on, change] as const;
}

/**
 * OPS-2: the queue strip of a case page: its SLA countdown, who holds it, claim / assign / unassign, and
 * "next case" (earliest SLA, unclaimed or mine), shown prominently once the case is decided on this page.
 */
export function QueueBar({ resource }: { resource: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const { identity } = useGetIdentity();
  const [item, setItem] = useState<QueueItem | null>(null);
  const [agents, setAgents] = useState<{ id: string; name: string }[]>([]);
  // Whether this case waited for staff when this page first showed it: a decision made here asks for the
  // next case, and opens it by itself when the staff member chose so.
  const openedAs = useRef<{ id: unknown; waiting: boolean } | null>(null);
  const [autoNext, setAutoNext] = useAutoNext(identity?.id);
  const wentOn = useRef<unknown>(null);

  useEffect(() => {
    if (!record) return;
    let live = true;
    httpClient(`${API_ROOT}/queues/${resource}/${record.id}`).then(
      ({ json }) => {
        if (!live) return;
        const it = json as QueueItem;
        if (openedAs.current?.id !== record.id) openedAs.current = { id: record.id, waiting: it.waiting };
        setItem(it);
      },
      () => live && setItem(null),
    );
    return () => {
      live = false;
    };
  }, [resource, record]);

  useEffect(() => {
    if (!item?.role) return;
    httpClient(`${API_ROOT}/ticket-agents?queue=${item.role}`).then(
      ({ json }) =>
        setAgents((json as { id: number; name: string }[]).map((a) => ({ id: String(a.id), name: a.name }))),
      () => setAgents([]),
    );
  }, [item?.role]);

  const next = async (caseId: unknown, queue: string) => {
    try {
      const { json } = await httpClient(`${API_ROOT}/queues/${resource}/${String(caseId)}/next`);
      const found = (json as { next: { resource: string; id: number } | null }).next;
      if (found) void navigate(`/${found.resource}/${found.id}/show`);
      else {
        notify('app.queue.none_left', { type: 'info' });
        void navigate(`/${queue}`);
      }
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  // The strip of the case shown now (after "next case" the previous one's answer may still be here).
  const decidedHere =
    item !== null &&
    record !== undefined &&
    item.id === record.id &&
    openedAs.current?.id === record.id &&
    openedAs.current.waiting &&
    !item.waiting;
  const caseId = record?.id;
  useEffect(() => {
    // Once per case decided on this page, when the staff member has "open the next case" on.
    if (!decidedHere || !autoNext || !item || wentOn.current === caseId) return;
    wentOn.current = caseId;
    void next(caseId, item.queue);
  });

  if (!record || !item) return null;
  const post = (action: string) =>
    httpClient(`${API_ROOT}/${resource}/${record.id}/${action}`, { method: 'POST', body: '{}' }).then(
      () => refresh(),
      (e: Error) => notify(e.message, { type: 'error' }),
    );
  const mine = identity && item.assignedTo === identity.id;
  const nextButton = (
    <Button variant={decidedHere ? 'contained' : 'outlined'} onClick={() => void next(record.id, item.queue)}>
      {translate('app.queue.next_case')}
    </Button>
  );
  return (
    <Paper variant="outlined" sx={{ p: 1, mb: 1 }} data-testid="queue-bar">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body2" component="span">
          {translate('app.queue.sla')}:
        </Typography>
        <SlaCountdown record={item} />
        <Typography variant="body2" component="span" data-testid="queue-assignee">
          {translate('app.queue.assigned_to')}: {item.assignedName ?? translate('app.queue.unassigned')}
        </Typography>
        {item.open && !mine && (
          <Button variant="outlined" onClick={() => void post('claim')}>
            {translate('app.queue.claim')}
          </Button>
        )}
        {item.open && (
          <ActionDialogButton
            resource={resource}
            action="claim"
            label="app.queue.assign"
            fields={[
              {
                name: 'staffId',
                label: 'app.action.assign_to',
                type: 'number',
                required: true,
                choices: agents,
                select: true,
              },
            ]}
          />
        )}
        {item.open && item.assignedTo !== null && (
          <Button variant="text" onClick={() => void post('unassign')}>
            {translate('app.queue.unassign')}
          </Button>
        )}
        {!decidedHere && nextButton}
        <FormControlLabel
          sx={{ ml: 'auto' }}
          control={<Switch size="small" checked={autoNext} onChange={(e) => setAutoNext(e.target.checked)} />}
          label={<Typography variant="body2">{translate('app.queue.auto_next')}</Typography>}
        />
      </Stack>
      {decidedHere && (
        <Alert severity="success" sx={{ mt: 1, alignItems: 'center' }} action={nextButton}>
          {translate('app.queue.decided_next')}
        </Alert>
      )}
    </Paper>
  );
}
