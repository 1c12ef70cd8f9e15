import {
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { CaseHistory, CaseNotes } from '../decisions/CaseNotes';
import { WarningPreview } from '../users/TrustActions';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { LinkField } from '../common/links';
import { QueueBar } from '../common/QueueBar';

const WARNING_TYPES = [
  'abusive_language',
  'spam',
  'misleading_profile',
  'sharing_contact_info',
  'feedback_manipulation',
  'misrepresenting_service',
  'other',
];

interface Report {
  id: number;
  status: string;
  subjectUserId: number;
  subjectType: 'service' | 'user' | 'message';
  subjectId: number;
  answers: Record<string, boolean>;
  subject?: {
    title?: string;
    description?: string;
    active?: boolean;
    name?: string;
    username?: string;
    bio?: string;
    status?: string;
    body?: string;
    orderId?: number;
    thread?: { id: number; senderId: number; senderName: string; body: string; createdAt: string }[];
    userId: number;
  };
}

function Decisions() {
  const r = useRecordContext<Report>();
  if (!r) return null;
  const reason = {
    name: 'reason',
    label: 'resources.reports.fields.decisionReason',
    type: 'text' as const,
    required: true,
  };
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ActionDialogButton
        resource="reports"
        action="dismiss"
        transition="dismiss"
        label="resources.reports.action.dismiss"
        fields={[{ ...reason, reasonAction: 'report.dismiss' }]}
      />
      <ActionDialogButton
        resource="reports"
        action="warn"
        transition="warn"
        label="resources.reports.action.warn"
        color="warning"
        fields={[
          {
            name: 'type',
            label: 'resources.users.fields.warningType',
            type: 'select',
            required: true,
            choices: WARNING_TYPES.map((id) => ({ id, name: `resources.users.warning_type.${id}` })),
          },
          { ...reason, reasonAction: 'report.warn' },
        ]}
        extra={(v) => <WarningPreview userId={r.subjectUserId} type={v.type} />}
      />
      <ActionDialogButton
        resource="reports"
        action="remove-service"
        transition="remove-service"
        label="resources.reports.action.remove_service"
        color="error"
        fields={[{ ...reason, reasonAction: 'report.remove_service' }]}
      />
      <ActionDialogButton
        resource="reports"
        action="block"
        transition="block"
        label="resources.reports.action.block"
        color="error"
        fields={[{ ...reason, reasonAction: 'report.block' }]}
      />
    </TopToolbar>
  );
}

/**
 * The reported service, profile or message, shown in place (a message inside its order's thread, the reported
 * one marked).
 */
function Subject() {
  const formatDate = useFormatDateTime();
  const r = useRecordContext<Report>();
  const translate = useTranslate();
  const s = r?.subject;
  if (!r || !s) return null;
  return (
    <Card variant="outlined" sx={{ width: '100%' }} data-testid="report-subject">
      <CardContent>
        <Typography variant="overline">{translate(`resources.reports.subject.${r.subjectType}`)}</Typography>
        {r.subjectType === 'service' && (
          <>
            <Typography variant="h6">{s.title}</Typography>
            <Typography>{s.description}</Typography>
            {!s.active && <Chip size="small" label={translate('resources.reports.off_sale')} />}
          </>
        )}
        {r.subjectType === 'user' && (
          <>
            <Typography variant="h6">
              {s.name} (@{s.username})
            </Typography>
            <Typography>{s.bio}</Typography>
            <Typography variant="body2">{translate(`resources.users.status.${s.status}`)}</Typography>
          </>
        )}
        {r.subjectType === 'message' && (
          <Stack spacing={1}>
            {s.thread?.map((m) => (
              <Box
                key={m.id}
                sx={{ p: 1, borderRadius: 1, bgcolor: m.id === r.subjectId ? 'warning.light' : 'grey.100' }}
                data-testid={m.id === r.subjectId ? 'reported-message' : undefined}
              >
                <Typography variant="caption">
                  {m.senderName} · {formatDate(m.createdAt)}
                </Typography>
                <Typography>{m.body}</Typography>
              </Box>
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

export function ReportShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Decisions />}>
      <SimpleShowLayout>
        <QueueBar resource="reports" />
        <Subject />
        <LinkField
          source="subjectUserId"
          nameSource="subjectUserName"
          reference="users"
          label="resources.reports.fields.subjectUserName"
        />
        <FunctionField source="reason" render={(r) => translate(`resources.reports.reason.${r.reason}`)} />
        <FunctionField
          source="answers"
          render={(r) => (
            <Stack>
              {Object.entries((r.answers ?? {}) as Record<string, boolean>).map(([q, a]) => (
                <Typography key={q} variant="body2">
                  {translate(`resources.reports.question.${q}`)}{' '}
                  {translate(a ? 'ra.boolean.true' : 'ra.boolean.false')}
                </Typography>
              ))}
            </Stack>
          )}
        />
        <TextField source="details" emptyText="—" />
        <LinkField
          source="reporterId"
          nameSource="reporterName"
          reference="users"
          label="resources.reports.fields.reporterName"
        />
        <DateTimeField source="slaDueAt" />
        <FunctionField source="status" render={(r) => translate(`resources.reports.status.${r.status}`)} />
        <TextField source="decisionReason" emptyText="—" />
        <CaseHistory />
        <CaseNotes kind="reports" />
      </SimpleShowLayout>
    </Show>
  );
}
