import {
  ArrayField,
  Datagrid,
  DateField,
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
import { CaseLists, ORDER_CASES } from '../common/CaseLists';

export interface TimelineItem {
  at: string;
  type: 'event' | 'message' | 'delivery' | 'posting';
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
  postings?: { account: string; amount: number }[];
}

const COLORS = { event: 'primary', message: 'default', delivery: 'success', posting: 'warning' } as const;

function TimelineEntry({ item }: { item: TimelineItem }) {
  const translate = useTranslate();
  const title =
    item.type === 'event'
      ? `${item.event}${item.actorName ? ` — ${item.actorName}` : item.actor ? ` — ${item.actor}` : ''}${item.to ? ` (${item.from ?? '…'} → ${item.to})` : ''}`
      : item.type === 'message'
        ? `${translate('resources.orders.timeline.message')} — ${item.senderName}`
        : item.type === 'delivery'
          ? translate('resources.orders.timeline.delivery')
          : `${translate('resources.orders.timeline.posting')}: ${item.kind}`;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Chip
          size="small"
          label={translate(`resources.orders.timeline.${item.type}`)}
          color={COLORS[item.type]}
        />
        <Typography variant="body2" color="text.secondary">
          {new Date(item.at).toLocaleString()}
        </Typography>
        <Typography variant="subtitle2">{title}</Typography>
      </Stack>
      {item.body && <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{item.body}</Typography>}
      {item.message && <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{item.message}</Typography>}
      {item.memo && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {item.memo}
        </Typography>
      )}
      {item.postings && (
        <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 3 }}>
          {item.postings.map((p, i) => (
            <li key={i}>
              <code>{p.account}</code> {p.amount > 0 ? '+' : ''}
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
          <TextField source="status" />
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
          <DateField source="createdAt" showTime />
          <DateField source="dueAt" showTime emptyText="—" />
          <DateField source="completedAt" showTime emptyText="—" />
          <ArrayField source="milestones">
            <Datagrid bulkActionButtons={false}>
              <TextField source="seq" />
              <TextField source="title" />
              <Money source="amount" />
              <TextField source="status" />
              <DateField source="dueAt" showTime emptyText="—" />
              <DateField source="releasedAt" showTime emptyText="—" />
            </Datagrid>
          </ArrayField>
          <ArrayField source="charges">
            <Datagrid bulkActionButtons={false} empty={<EmptyCharges />}>
              <TextField source="reference" label="resources.orders.fields.chargeReference" />
              <Money source="amount" />
              <DateField source="chargedAt" showTime />
              <TextField source="method" />
              <TextField source="milestoneSeq" label="resources.orders.fields.seq" />
              <TextField source="duplicateOf" emptyText="—" />
            </Datagrid>
          </ArrayField>
          <ArrayField source="reviews">
            <Datagrid bulkActionButtons={false}>
              <TextField source="authorRole" />
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
