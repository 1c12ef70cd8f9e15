import {
  ArrayField,
  Datagrid,
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  TabbedShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { Money, formatMoney } from '../ledger/Money';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { EnumField, useEnumLabel, useMemoLabel, useAccountLabel } from '../common/EnumField';
import { CaseLists, ORDER_CASES } from '../common/CaseLists';

export interface TimelineItem {
  at: string;
  type: 'event' | 'message' | 'delivery' | 'posting' | 'note' | 'audit';
  /** A staff-only internal note of the case (OPS-6), with its author. */
  internal?: boolean;
  authorName?: string;
  /** An audit row of the case: what was done, by whom, why. */
  action?: string;
  reason?: string | null;
  event?: string;
  actor?: string;
  actorName?: string | null;
  from?: string | null;
  to?: string | null;
  data?: Record<string, unknown>;
  senderName?: string | null;
  body?: string;
  message?: string;
  files?: string[];
  kind?: string;
  memo?: string;
  memoKey?: string | null;
  memoParams?: Record<string, unknown> | null;
  postings?: { account: string; amount: number }[];
}

const COLORS = {
  event: 'primary',
  message: 'default',
  delivery: 'success',
  posting: 'warning',
  note: 'secondary',
  audit: 'info',
} as const;

function TimelineEntry({ item }: { item: TimelineItem }) {
  const formatDate = useFormatDateTime();
  const translate = useTranslate();
  const label = useEnumLabel();
  const memo = useMemoLabel();
  const account = useAccountLabel();
  const state = (s: string | null | undefined) => (s ? label('status.orders', s) : '…');
  const by = item.actorName ? ` — ${item.actorName}` : item.actor ? ` — ${label('actor', item.actor)}` : '';
  const title =
    item.type === 'note'
      ? (item.authorName ?? '')
      : item.type === 'audit'
        ? `${label('audit', item.action)}${by}`
        : item.type === 'event'
          ? `${label('event', item.event)}${by}${item.to ? ` (${state(item.from)} → ${state(item.to)})` : ''}`
          : item.type === 'message'
            ? `${translate('resources.orders.timeline.message')} — ${item.senderName}`
            : item.type === 'delivery'
              ? translate('resources.orders.timeline.delivery')
              : `${translate('resources.orders.timeline.posting')}: ${label('entry_kind', item.kind)}`;
  const note = item.type === 'note';
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5, ...(note ? { borderLeft: 4, borderLeftColor: 'secondary.main' } : {}) }}
      data-testid={note ? 'timeline-note' : undefined}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Chip
          size="small"
          label={translate(`resources.orders.timeline.${item.type}`)}
          color={COLORS[item.type]}
        />
        <Typography variant="body2" color="text.secondary">
          {formatDate(item.at)}
        </Typography>
        <Typography variant="subtitle2">{title}</Typography>
      </Stack>
      {item.body && <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{item.body}</Typography>}
      {item.message && <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{item.message}</Typography>}
      {item.reason && <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{item.reason}</Typography>}
      {item.memo && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {memo(item)}
        </Typography>
      )}
      {item.postings && (
        <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 3 }}>
          {item.postings.map((p, i) => (
            <li key={i}>
              {account(p.account)} <code>{p.account}</code> {p.amount > 0 ? '+' : ''}
              {formatMoney(p.amount)}
            </li>
          ))}
        </Box>
      )}
    </Paper>
  );
}

export function TimelineList({ items }: { items: TimelineItem[] }) {
  return (
    <Stack spacing={1}>
      {items.map((item, i) => (
        <TimelineEntry key={i} item={item} />
      ))}
    </Stack>
  );
}

function EmptyCharges() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('resources.orders.noCharges')}
    </Typography>
  );
}

function Timeline() {
  const record = useRecordContext<{ timeline: TimelineItem[] }>();
  if (!record) return null;
  return <TimelineList items={record.timeline} />;
}

export function OrderShow() {
  return (
    <Show>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="resources.orders.tabs.summary">
          <TextField source="title" />
          <EnumField source="status" kind="status.orders" />
          <ReferenceField
            source="buyer.id"
            reference="users"
            link="show"
            label="resources.orders.fields.buyer"
          >
            <TextField source="name" />
          </ReferenceField>
          <ReferenceField
            source="seller.id"
            reference="users"
            link="show"
            label="resources.orders.fields.seller"
          >
            <TextField source="name" />
          </ReferenceField>
          <Money source="total" />
          <NumberField source="commissionBp" />
          <Labeled label="resources.orders.fields.revisions">
            <TextField source="revisionsUsed" />
          </Labeled>
          <DateTimeField source="createdAt" />
          <DateTimeField source="dueAt" />
          <DateTimeField source="completedAt" />
          <ArrayField source="milestones">
            <Datagrid bulkActionButtons={false}>
              <TextField source="seq" />
              <TextField source="title" />
              <Money source="amount" />
              <EnumField source="status" kind="status.milestones" />
              <DateTimeField source="dueAt" />
              <DateTimeField source="releasedAt" />
            </Datagrid>
          </ArrayField>
          <ArrayField source="charges">
            <Datagrid bulkActionButtons={false} empty={<EmptyCharges />}>
              <TextField source="reference" label="resources.orders.fields.chargeReference" />
              <Money source="amount" />
              <DateTimeField source="chargedAt" />
              <EnumField source="method" kind="source" />
              <TextField source="milestoneSeq" label="resources.orders.fields.seq" />
              <TextField source="duplicateOf" emptyText="—" />
            </Datagrid>
          </ArrayField>
          <ArrayField source="reviews">
            <Datagrid bulkActionButtons={false}>
              <EnumField source="authorRole" kind="actor" />
              <NumberField source="stars" />
              <TextField source="text" />
            </Datagrid>
          </ArrayField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.orders.tabs.timeline">
          <Timeline />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="app.cases.tab" path="cases">
          <CaseLists target="orderId" kinds={ORDER_CASES} />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
