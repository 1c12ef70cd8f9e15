import {
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Card, CardContent, Link, Stack, Typography } from '@mui/material';
import { CaseHistory, CaseNotes } from '../decisions/CaseNotes';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { LinkField } from '../common/links';
import { QueueBar } from '../common/QueueBar';

function Decisions() {
  const record = useRecordContext<{ status: string }>();
  if (!record) return null;
  const reason = {
    name: 'reason',
    label: 'resources.seller-applications.fields.reason',
    type: 'text' as const,
    required: true,
  };
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ActionDialogButton
        resource="seller-applications"
        action="approve"
        transition="approve"
        label="resources.seller-applications.action.approve"
        color="success"
        fields={[{ ...reason, reasonAction: 'seller_application.approve' }]}
      />
      <ActionDialogButton
        resource="seller-applications"
        action="request-changes"
        transition="request-changes"
        label="resources.seller-applications.action.request_changes"
        color="warning"
        fields={[{ ...reason, reasonAction: 'seller_application.request_changes' }]}
      />
      <ActionDialogButton
        resource="seller-applications"
        action="reject"
        transition="reject"
        label="resources.seller-applications.action.reject"
        color="error"
        fields={[{ ...reason, reasonAction: 'seller_application.reject' }]}
      />
    </TopToolbar>
  );
}

interface Applicant {
  name: string;
  email: string;
  username: string;
  status: string;
  country: string | null;
  bio: string;
  createdAt: string;
  identityVerifiedAt: string | null;
  ordersAsBuyer: number;
  completedAsBuyer: number;
  warnings: number;
  reportsAgainst: number;
}

/** The applicant's profile and history next to the application. */
function Applicant() {
  const formatDate = useFormatDateTime();
  const r = useRecordContext<{
    applicant?: Applicant;
    earlier?: { id: number; status: string; submittedAt: string; decisionReason: string | null }[];
  }>();
  const translate = useTranslate();
  const a = r?.applicant;
  if (!a) return null;
  return (
    <Card variant="outlined" sx={{ width: '100%' }}>
      <CardContent>
        <Typography variant="overline">{translate('resources.seller-applications.applicant')}</Typography>
        <Typography variant="h6">
          {a.name} (@{a.username})
        </Typography>
        <Typography variant="body2">
          {a.email} · {a.country ?? '—'} ·{' '}
          {translate('resources.seller-applications.member_since', {
            date: formatDate(a.createdAt, 'date'),
          })}
        </Typography>
        {a.bio && <Typography variant="body2">{a.bio}</Typography>}
        <Typography variant="body2">
          {translate('resources.seller-applications.history', {
            orders: a.ordersAsBuyer,
            completed: a.completedAsBuyer,
            warnings: a.warnings,
            reports: a.reportsAgainst,
          })}
        </Typography>
        <Typography variant="body2">
          {translate(
            a.identityVerifiedAt
              ? 'resources.seller-applications.identity_verified'
              : 'resources.seller-applications.identity_unverified',
          )}
        </Typography>
        {r?.earlier?.map((e) => (
          <Typography key={e.id} variant="body2">
            #{e.id} {formatDate(e.submittedAt, 'date')} ·{' '}
            {translate(`resources.seller-applications.status.${e.status}`)}
            {e.decisionReason ? `: ${e.decisionReason}` : ''}
          </Typography>
        ))}
      </CardContent>
    </Card>
  );
}

export function SellerApplicationShow() {
  return (
    <Show actions={<Decisions />}>
      <SimpleShowLayout>
        <QueueBar resource="seller-applications" />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.seller-applications.fields.userName"
        />
        <TextField source="userEmail" />
        <EnumField source="status" kind="status.seller_applications" />
        <DateTimeField source="slaDueAt" />
        <FunctionField source="skills" render={(r) => (r.skills as string[]).join(', ')} />
        <TextField source="experience" />
        <TextField source="education" />
        <TextField source="about" emptyText="—" />
        <FunctionField
          source="portfolio"
          render={(r) => (
            <Stack>
              {(r.portfolio as string[]).map((u) => (
                <Link key={u} href={u} target="_blank" rel="noopener noreferrer">
                  {u}
                </Link>
              ))}
            </Stack>
          )}
        />
        <FunctionField
          source="portfolioFiles"
          render={(r) => (
            <Stack>
              {((r.portfolioFiles ?? []) as { id: number; filename: string; size: number }[]).map((f) => (
                <Link
                  key={f.id}
                  href={`/api/admin/documents/${f.id}`}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {f.filename} ({Math.ceil(f.size / 1024)} KB)
                </Link>
              ))}
            </Stack>
          )}
        />
        <TextField source="decisionReason" emptyText="—" />
        <Applicant />
        <CaseHistory />
        <CaseNotes kind="seller-applications" />
      </SimpleShowLayout>
    </Show>
  );
}
