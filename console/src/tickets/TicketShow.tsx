import { useEffect, useState, type ReactNode } from 'react';
import { Link, Show, TopToolbar, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  FormControlLabel,
  Grid,
  Link as FileLink,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { API_ROOT, httpClient } from '../api';
import { allows } from '../common/allowed';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { formatMoney } from '../ledger/Money';
import { QUEUES, STAFF_STATUS } from './choices';
import { useFormatDateTime } from '../common/DateTimeField';
import { useEnumLabel } from '../common/EnumField';
import { QueueBar } from '../common/QueueBar';

interface Message {
  id: number;
  authorType: 'user' | 'staff' | 'system';
  staffName: string | null;
  internal: boolean;
  body: string;
  createdAt: string;
  attachments: { id: number; filename: string; size: number }[];
}
interface Requester {
  id: number;
  name: string;
  email: string;
  username: string;
  status: string;
  locale: string;
  isSeller: boolean;
  sellerLevel: string;
  balances: Record<string, number>;
  orders: { id: number; title: string; status: string; total: number }[];
  tickets: { id: number; subject: string; status: string }[];
  refunds: { id: number; kind: string; status: string; amount: number }[];
  disputes: { id: number; stage: string; orderId: number }[];
  warnings: { id: number; type: string; consequence: string; reason: string; issuedAt: string }[];
  payouts: { id: number; amount: number; status: string }[];
}
interface TicketRecord {
  id: number;
  subject: string;
  topic: string;
  status: string;
  queue: string;
  tags: string[];
  requesterName: string;
  requesterLocale: string;
  assignedName: string | null;
  orderId: number | null;
  withdrawalId: number | null;
  disputeId: number | null;
  followUpOf: number | null;
  mergedInto: number | null;
  nextBreachAt: string | null;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  ratingScore: number | null;
  ratingComment: string | null;
  messages: Message[];
  refundRequests: { id: number; kind: string; status: string; amount: number }[];
  requester: Requester;
  allowedActions: string[];
}

async function post(path: string, body: object) {
  return httpClient(`${API_ROOT}/${path}`, { method: 'POST', body: JSON.stringify(body) });
}

function StatusButtons() {
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record) return null;
  return (
    <>
      {STAFF_STATUS.filter((s) => allows(record, s.transition)).map((s) => (
        <Button
          key={s.status}
          variant="outlined"
          color={s.status === 'solved' ? 'success' : 'primary'}
          onClick={() =>
            void post(`tickets/${record.id}/status`, { status: s.status }).then(refresh, (e: Error) =>
              notify(e.message, { type: 'error' }),
            )
          }
        >
          {translate(`resources.tickets.action.set_${s.status}`)}
        </Button>
      ))}
    </>
  );
}

function Actions() {
  const record = useRecordContext<TicketRecord>();
  if (!record) return null;
  return (
    <TopToolbar sx={{ gap: 1, flexWrap: 'wrap' }}>
      <StatusButtons />
      <ActionDialogButton
        resource="tickets"
        action="merge"
        transition="staff-merge"
        label="resources.tickets.action.merge"
        color="warning"
        fields={[
          { name: 'intoId', label: 'resources.tickets.fields.intoId', type: 'number', required: true },
          { name: 'reason', label: 'resources.tickets.fields.reason', type: 'text', required: true },
        ]}
      />
      <ActionDialogButton
        resource="tickets"
        action="route"
        transition="staff-route"
        label="resources.tickets.action.route"
        fields={[
          {
            name: 'queue',
            label: 'resources.tickets.fields.queue',
            type: 'select',
            required: true,
            choices: QUEUES.filter((q) => q.id !== record.queue),
          },
          { name: 'reason', label: 'resources.tickets.fields.reason', type: 'text', required: true },
        ]}
      />
      <ActionDialogButton
        resource="tickets"
        action="tags"
        transition="staff-tag"
        label="resources.tickets.action.tag"
        fields={[{ name: 'tag', label: 'resources.tickets.fields.tags', type: 'line', required: true }]}
        toBody={(b) => ({ add: [String(b.tag)] })}
      />
      {record.queue === 'support' && (
        <ActionDialogButton
          resource="tickets"
          action="refund-requests"
          transition="staff-refund"
          label="resources.tickets.action.refund"
          fields={[
            {
              name: 'kind',
              label: 'resources.tickets.fields.refund_kind',
              type: 'select',
              required: true,
              choices: ['order', 'credit_to_source', 'duplicate_charge'].map((id) => ({
                id,
                name: `resources.support-cases.kind.${id}`,
              })),
            },
            { name: 'orderId', label: 'resources.tickets.fields.orderId', type: 'number' },
            {
              name: 'reason',
              label: 'resources.tickets.fields.refund_reason',
              type: 'select',
              choices: ['work_not_as_described', 'seller_not_working_as_agreed', 'seller_unresponsive'].map(
                (id) => ({ id, name: id.replace(/_/g, ' ') }),
              ),
            },
            { name: 'amount', label: 'resources.tickets.fields.amount', type: 'money' },
            { name: 'chargeReference', label: 'resources.tickets.fields.chargeReference', type: 'line' },
            { name: 'message', label: 'resources.tickets.fields.message', type: 'text', required: true },
          ]}
        />
      )}
    </TopToolbar>
  );
}

function Thread() {
  const formatDate = useFormatDateTime();
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  // The list's row may stand in for the record until the page's own answer arrives: it has no thread.
  if (!record?.messages) return null;
  return (
    <Stack spacing={1} data-testid="ticket-thread">
      {record.messages.map((m) => (
        <Paper
          key={m.id}
          variant="outlined"
          sx={{
            p: 1.5,
            bgcolor: m.internal ? 'warning.light' : m.authorType === 'staff' ? 'action.hover' : undefined,
          }}
        >
          <Typography variant="caption" color="text.secondary">
            {m.internal ? `${translate('resources.tickets.internal_note')} · ` : ''}
            {m.authorType === 'staff'
              ? (m.staffName ?? translate('resources.tickets.author.staff'))
              : m.authorType === 'user'
                ? record.requesterName
                : translate('resources.tickets.author.system')}{' '}
            · {formatDate(m.createdAt)}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{m.body}</Typography>
          {m.attachments.map((f) => (
            <FileLink key={f.id} href={`/api/admin/ticket-attachments/${f.id}`} sx={{ display: 'block' }}>
              {f.filename} ({Math.ceil(f.size / 1024)} KB)
            </FileLink>
          ))}
        </Paper>
      ))}
    </Stack>
  );
}

/** SUP-4 / SUP-5: reply or note; a macro fills itself in the requester's language and shows its effects. */
function ReplyBox() {
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [status, setStatus] = useState('');
  const [macros, setMacros] = useState<{ id: number; name: string }[]>([]);
  const [macro, setMacro] = useState<{
    macroId: number;
    body: string;
    setStatus: string | null;
    addTag: string | null;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    httpClient(
      `${API_ROOT}/ticket-macros?filter=${encodeURIComponent('{"active":true}')}&range=[0,199]`,
    ).then(
      ({ json }) => setMacros(json as { id: number; name: string }[]),
      () => setMacros([]),
    );
  }, []);
  if (!record || !allows(record, 'staff-reply')) return null;
  const pick = async (id: string) => {
    if (!id) return setMacro(null);
    try {
      const { json } = await httpClient(`${API_ROOT}/tickets/${record.id}/macros/${id}/preview`);
      setMacro(json as typeof macro);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const send = async () => {
    setBusy(true);
    try {
      await post(`tickets/${record.id}/messages`, {
        ...(macro ? { macroId: macro.macroId } : { body }),
        internal,
        ...(status ? { status } : {}),
      });
      setBody('');
      setMacro(null);
      setStatus('');
      setInternal(false);
      notify('app.action.done', { type: 'success' });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack spacing={2}>
          <TextField
            select
            label={translate('resources.tickets.macro')}
            value={macro ? String(macro.macroId) : ''}
            onChange={(e) => void pick(e.target.value)}
          >
            <MenuItem value="">—</MenuItem>
            {macros.map((m) => (
              <MenuItem key={m.id} value={String(m.id)}>
                {m.name}
              </MenuItem>
            ))}
          </TextField>
          {macro ? (
            <Alert severity="info" data-testid="macro-preview">
              <Typography variant="caption">
                {translate('resources.tickets.macro_preview', { locale: record.requesterLocale })}
                {macro.setStatus
                  ? ` · ${translate('resources.tickets.macro_sets', { status: macro.setStatus })}`
                  : ''}
                {macro.addTag ? ` · #${macro.addTag}` : ''}
              </Typography>
              <Typography sx={{ whiteSpace: 'pre-wrap' }}>{macro.body}</Typography>
            </Alert>
          ) : (
            <TextField
              multiline
              minRows={4}
              label={translate(internal ? 'resources.tickets.internal_note' : 'resources.tickets.reply')}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          )}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <FormControlLabel
              control={<Checkbox checked={internal} onChange={(e) => setInternal(e.target.checked)} />}
              label={translate('resources.tickets.internal_note')}
            />
            <TextField
              select
              size="small"
              sx={{ minWidth: 200 }}
              label={translate('resources.tickets.then_status')}
              value={status}
              onChange={(e) => setStatus(e.target.value)}
            >
              <MenuItem value="">—</MenuItem>
              {STAFF_STATUS.map((s) => (
                <MenuItem key={s.status} value={s.status}>
                  {translate(`resources.tickets.status.${s.status}`)}
                </MenuItem>
              ))}
            </TextField>
            <Button
              variant="contained"
              disabled={busy || (!macro && !body.trim())}
              onClick={() => void send()}
            >
              {translate(internal ? 'resources.tickets.action.add_note' : 'resources.tickets.action.send')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 1.5 }}>
      <Typography variant="overline">{translate(title)}</Typography>
      {children}
    </Box>
  );
}

function Line({ to, children }: { to?: string; children: ReactNode }) {
  return <Typography variant="body2">{to ? <Link to={to}>{children}</Link> : children}</Typography>;
}

/** The requester beside the thread: who they are and everything Pasar holds about them, with links. */
function RequesterPanel() {
  const enumLabel = useEnumLabel();
  const formatDate = useFormatDateTime();
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  if (!record?.requester) return null;
  const r = record.requester;
  return (
    <Card variant="outlined" data-testid="requester-panel">
      <CardContent>
        <Typography variant="overline">{translate('resources.tickets.requester')}</Typography>
        <Typography variant="h6">
          <Link to={`/users/${r.id}/show`}>{r.name}</Link>
        </Typography>
        <Typography variant="body2">
          {r.email} · @{r.username} · {r.locale}
        </Typography>
        <Chip
          size="small"
          label={enumLabel('status.tickets', r.status)}
          color={r.status === 'active' ? 'default' : 'error'}
          sx={{ mt: 0.5 }}
        />
        {r.isSeller && <Chip size="small" label={r.sellerLevel} sx={{ mt: 0.5, ml: 0.5 }} />}
        <Section title="resources.tickets.panel.balances">
          <Typography variant="body2">
            {Object.entries(r.balances)
              .filter(([, v]) => typeof v === 'number')
              .map(([k, v]) => `${k}: ${formatMoney(v)}`)
              .join(' · ')}
          </Typography>
        </Section>
        <Section title="resources.tickets.panel.orders">
          {r.orders.map((o) => (
            <Line key={o.id} to={`/orders/${o.id}/show`}>
              #{o.id} {o.title} · {o.status} · {formatMoney(o.total)}
            </Line>
          ))}
        </Section>
        <Section title="resources.tickets.panel.tickets">
          {r.tickets.map((t) => (
            <Line key={t.id} to={`/tickets/${t.id}/show`}>
              #{t.id} {t.subject} · {t.status}
            </Line>
          ))}
        </Section>
        <Section title="resources.tickets.panel.refunds">
          {r.refunds.map((x) => (
            <Line key={x.id} to={`/refund-requests/${x.id}/show`}>
              #{x.id} {x.kind} · {x.status} · {formatMoney(x.amount)}
            </Line>
          ))}
        </Section>
        <Section title="resources.tickets.panel.disputes">
          {r.disputes.map((d) => (
            <Line key={d.id} to={`/disputes/${d.id}/show`}>
              #{d.id} · {d.stage} · order #{d.orderId}
            </Line>
          ))}
        </Section>
        <Section title="resources.tickets.panel.warnings">
          {r.warnings.map((w) => (
            <Line key={w.id}>
              {formatDate(w.issuedAt, 'date')} · {w.type} · {w.consequence}: {w.reason}
            </Line>
          ))}
        </Section>
        <Section title="resources.tickets.panel.payouts">
          {r.payouts.map((p) => (
            <Line key={p.id} to={`/withdrawals/${p.id}/show`}>
              #{p.id} · {formatMoney(p.amount)} · {p.status}
            </Line>
          ))}
        </Section>
      </CardContent>
    </Card>
  );
}

function Header() {
  const formatDate = useFormatDateTime();
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="h5">
        #{record.id} {record.subject}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap' }}>
        <Chip label={translate(`resources.tickets.status.${record.status}`)} color="primary" />
        <Chip variant="outlined" label={translate(`resources.tickets.topic.${record.topic}`)} />
        <Chip variant="outlined" label={translate(`roles.${record.queue}`)} />
        {(record.tags ?? []).map((t) => (
          <Chip key={t} size="small" label={`#${t}`} />
        ))}
        {record.nextBreachAt && (
          <Chip
            color={record.firstResponseBreached || record.resolutionBreached ? 'error' : 'default'}
            label={
              `${translate('resources.tickets.fields.nextBreachAt')}: ` + `${formatDate(record.nextBreachAt)}`
            }
          />
        )}
      </Stack>
      <Typography variant="body2">
        {record.orderId && (
          <>
            {' · '}
            <Link to={`/orders/${record.orderId}/show`}>
              {translate('resources.tickets.fields.orderId')} #{record.orderId}
            </Link>
          </>
        )}
        {record.withdrawalId && (
          <>
            {' · '}
            <Link to={`/withdrawals/${record.withdrawalId}/show`}>
              {translate('resources.tickets.fields.withdrawalId')} #{record.withdrawalId}
            </Link>
          </>
        )}
        {record.disputeId && (
          <>
            {' · '}
            <Link to={`/disputes/${record.disputeId}/show`}>
              {translate('resources.tickets.fields.disputeId')} #{record.disputeId}
            </Link>
          </>
        )}
        {record.followUpOf && (
          <>
            {' · '}
            <Link to={`/tickets/${record.followUpOf}/show`}>
              {translate('resources.tickets.fields.followUpOf')} #{record.followUpOf}
            </Link>
          </>
        )}
        {record.mergedInto && (
          <>
            {' · '}
            <Link to={`/tickets/${record.mergedInto}/show`}>
              {translate('resources.tickets.fields.mergedInto')} #{record.mergedInto}
            </Link>
          </>
        )}
      </Typography>
      {record.ratingScore && (
        <Alert severity={record.ratingScore >= 4 ? 'success' : 'warning'} sx={{ mt: 1 }}>
          {translate('resources.tickets.rated', {
            score: record.ratingScore,
            comment: record.ratingComment ?? '',
          })}
        </Alert>
      )}
      {(record.refundRequests ?? []).map((x) => (
        <Typography key={x.id} variant="body2">
          <Link to={`/refund-requests/${x.id}/show`}>
            {translate('resources.tickets.refund_line', {
              id: x.id,
              status: x.status,
              amount: formatMoney(x.amount),
            })}
          </Link>
        </Typography>
      ))}
    </Box>
  );
}

export function TicketShow() {
  return (
    <Show actions={<Actions />}>
      <Grid container spacing={2} sx={{ p: 2 }}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Stack spacing={2}>
            <QueueBar resource="tickets" />
            <Header />
            <Thread />
            <ReplyBox />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <RequesterPanel />
        </Grid>
      </Grid>
    </Show>
  );
}
