import { FunctionField, Show, SimpleShowLayout, TextField, TopToolbar, useTranslate } from 'react-admin';
import { Stack, Typography } from '@mui/material';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { Highlighted, type ContactMatch } from '../service-reviews/Highlighted';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField } from '../common/links';

function Decisions() {
  const reason = {
    name: 'reason',
    label: 'resources.content-flags.fields.decisionReason',
    type: 'text' as const,
    required: true,
  };
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ActionDialogButton
        resource="content-flags"
        action="dismiss"
        transition="dismiss"
        label="resources.content-flags.action.dismiss"
        fields={[reason]}
      />
      <ActionDialogButton
        resource="content-flags"
        action="warn"
        transition="warn"
        label="resources.content-flags.action.warn"
        color="warning"
        fields={[reason]}
      />
    </TopToolbar>
  );
}

export function ContentFlagShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Decisions />}>
      <SimpleShowLayout>
        <FunctionField
          source="text"
          render={(r) => <Highlighted text={r.text ?? ''} matches={(r.matches ?? []) as ContactMatch[]} />}
        />
        <FunctionField
          source="matches"
          render={(r) => (
            <Stack>
              {((r.matches ?? []) as ContactMatch[]).map((m, i) => (
                <Typography key={i} variant="body2">
                  {translate(`resources.content-flags.kind.${m.kind}`)}: {m.text} ({m.start}–{m.end})
                </Typography>
              ))}
            </Stack>
          )}
        />
        <FunctionField
          source="subjectType"
          render={(r) => translate(`resources.content-flags.subject.${r.subjectType}`)}
        />
        <TextField source="subjectId" />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.content-flags.fields.userName"
        />
        <LinkField
          source="orderId"
          reference="orders"
          label="resources.content-flags.fields.orderId"
          emptyText="—"
        />
        <FunctionField
          source="status"
          render={(r) => translate(`resources.content-flags.status.${r.status}`)}
        />
        <TextField source="decisionReason" emptyText="—" />
        <DateTimeField source="createdAt" />
      </SimpleShowLayout>
    </Show>
  );
}
