import {
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, Card, CardContent, CardMedia, Grid, Typography } from '@mui/material';
import { CaseHistory, CaseNotes } from '../decisions/CaseNotes';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { LinkField } from '../common/links';
import { QueueBar } from '../common/QueueBar';

interface Check {
  status: string;
  idPhotoId: number | null;
  selfieId: number | null;
  earlier?: { id: number; status: string; submittedAt: string; decisionReason: string | null }[];
}

function Decisions() {
  const r = useRecordContext<Check>();
  if (!r) return null;
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ActionDialogButton
        resource="identity-checks"
        action="approve"
        transition="approve"
        label="resources.identity-checks.action.approve"
        color="success"
        fields={[
          {
            name: 'reason',
            label: 'resources.identity-checks.fields.reason',
            type: 'text',
            required: true,
            reasonAction: 'identity_check.approve',
          },
        ]}
      />
      <ActionDialogButton
        resource="identity-checks"
        action="reject"
        transition="reject"
        label="resources.identity-checks.action.reject"
        color="error"
        fields={[
          {
            name: 'reason',
            label: 'resources.identity-checks.fields.reason',
            type: 'text',
            required: true,
            reasonAction: 'identity_check.reject',
          },
        ]}
      />
    </TopToolbar>
  );
}

/** ACC-7: the ID photo and the selfie side by side, at the same height, to compare the faces. */
function SideBySide() {
  const r = useRecordContext<Check>();
  const translate = useTranslate();
  if (!r) return null;
  const photo = (id: number | null, label: string, testId: string) => (
    <Grid size={{ xs: 12, md: 6 }}>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="overline">{translate(label)}</Typography>
        </CardContent>
        {id && (
          <CardMedia
            component="img"
            image={`/api/admin/documents/${id}`}
            alt={translate(label)}
            data-testid={testId}
            sx={{ height: 360, objectFit: 'contain', bgcolor: 'grey.100' }}
          />
        )}
      </Card>
    </Grid>
  );
  return (
    <Grid container spacing={2} sx={{ width: '100%' }}>
      {photo(r.idPhotoId, 'resources.identity-checks.id_photo', 'id-photo')}
      {photo(r.selfieId, 'resources.identity-checks.selfie', 'selfie')}
    </Grid>
  );
}

function Earlier() {
  const formatDate = useFormatDateTime();
  const r = useRecordContext<Check>();
  const translate = useTranslate();
  if (!r?.earlier?.length) return null;
  return (
    <Box>
      <Typography variant="overline">{translate('resources.identity-checks.earlier')}</Typography>
      {r.earlier.map((e) => (
        <Typography key={e.id} variant="body2">
          #{e.id} {formatDate(e.submittedAt, 'date')} ·{' '}
          {translate(`resources.identity-checks.status.${e.status}`)}
          {e.decisionReason ? `: ${e.decisionReason}` : ''}
        </Typography>
      ))}
    </Box>
  );
}

export function IdentityCheckShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Decisions />}>
      <SimpleShowLayout>
        <QueueBar resource="identity-checks" />
        <SideBySide />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.identity-checks.fields.userName"
        />
        <TextField source="userEmail" />
        <FunctionField
          source="status"
          render={(r) => translate(`resources.identity-checks.status.${r.status}`)}
        />
        <DateTimeField source="slaDueAt" />
        <DateTimeField source="userSince" showTime={false} />
        <TextField source="decidedByName" emptyText="—" />
        <TextField source="decisionReason" emptyText="—" />
        <Earlier />
        <CaseHistory />
        <CaseNotes kind="identity-checks" />
      </SimpleShowLayout>
    </Show>
  );
}
