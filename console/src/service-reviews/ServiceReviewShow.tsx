import {
  FunctionField,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { QueueBar } from '../common/QueueBar';
import { Highlighted, type ContactMatch } from './Highlighted';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField } from '../common/links';

interface Review {
  status: string;
  snapshot: { title: string; description: string; category: string; price: number };
  changed: string[];
  rejectionReasons: string[];
  contactFlags: { id: number; field: string; matches: ContactMatch[] }[];
}

function Decisions() {
  const r = useRecordContext<Review>();
  if (!r) return null;
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ActionDialogButton
        resource="service-reviews"
        action="approve"
        transition="approve"
        label="resources.service-reviews.action.approve"
        color="success"
        fields={[
          {
            name: 'reason',
            label: 'resources.service-reviews.fields.decisionReason',
            type: 'text',
            required: true,
            reasonAction: 'service_review.approve',
          },
        ]}
      />
      <ActionDialogButton
        resource="service-reviews"
        action="reject"
        transition="reject"
        label="resources.service-reviews.action.reject"
        color="error"
        fields={[
          {
            name: 'reasonCode',
            label: 'resources.service-reviews.fields.reasonCode',
            type: 'select',
            required: true,
            choices: (r.rejectionReasons ?? []).map((id) => ({
              id,
              name: `resources.service-reviews.reason.${id}`,
            })),
          },
          {
            name: 'reason',
            label: 'resources.service-reviews.fields.decisionReason',
            type: 'text',
            required: true,
            helper: 'resources.service-reviews.help.reason',
            reasonAction: 'service_review.reject',
          },
        ]}
      />
    </TopToolbar>
  );
}

/** The text under review, each contact detail found in it marked (CAT-3). */
function UnderReview() {
  const r = useRecordContext<Review>();
  const translate = useTranslate();
  if (!r?.snapshot) return null;
  // The list's copy of the record comes first, without the flags: the text shows plain until the case loads.
  const matchesOf = (field: string) =>
    (r.contactFlags ?? []).filter((f) => f.field === field).flatMap((f) => f.matches);
  return (
    <Card variant="outlined" sx={{ width: '100%' }} data-testid="service-under-review">
      <CardContent>
        <Stack spacing={1}>
          <Typography variant="h6" component="div">
            <Highlighted text={r.snapshot.title} matches={matchesOf('title')} />
          </Typography>
          <Highlighted text={r.snapshot.description} matches={matchesOf('description')} />
          <Typography variant="body2">
            {translate(`resources.service-reviews.category.${r.snapshot.category}`, {
              _: r.snapshot.category,
            })}{' '}
            · Rp {r.snapshot.price.toLocaleString('id-ID')}
          </Typography>
          <Stack direction="row" spacing={1}>
            {(r.changed ?? []).map((f) => (
              <Chip key={f} size="small" label={translate(`resources.service-reviews.changed.${f}`)} />
            ))}
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}

export function ServiceReviewShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Decisions />}>
      <SimpleShowLayout>
        <QueueBar resource="service-reviews" />
        <UnderReview />
        <LinkField
          source="sellerId"
          nameSource="sellerName"
          reference="users"
          label="resources.service-reviews.fields.sellerName"
        />
        <FunctionField
          source="sellerLevel"
          render={(r) => translate(`resources.service-reviews.level.${r.sellerLevel}`)}
        />
        <FunctionField source="kind" render={(r) => translate(`resources.service-reviews.kind.${r.kind}`)} />
        <FunctionField
          source="moderation"
          render={(r) => translate(`resources.service-reviews.moderation.${r.moderation}`)}
        />
        <NumberField source="flags" />
        <DateTimeField source="slaDueAt" />
        <TextField source="assignedName" emptyText="—" />
        <FunctionField
          source="status"
          render={(r) => translate(`resources.service-reviews.status.${r.status}`)}
        />
        <FunctionField
          source="reasonCode"
          render={(r) => (r.reasonCode ? translate(`resources.service-reviews.reason.${r.reasonCode}`) : '—')}
        />
        <TextField source="decisionReason" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
