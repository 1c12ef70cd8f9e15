import { DateField, FunctionField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { Link, Stack } from '@mui/material';
import { ActionDialogButton } from '../common/ActionDialogButton';

function Decisions() {
  const record = useRecordContext<{ status: string }>();
  if (!record || !['submitted', 'changes_requested'].includes(record.status)) return null;
  const reason = { name: 'reason', label: 'resources.seller-applications.fields.reason', type: 'text' as const, required: true };
  return (
    <TopToolbar sx={{ gap: 1 }}>
      {record.status === 'submitted' && <ActionDialogButton resource="seller-applications" action="approve" label="resources.seller-applications.action.approve" color="success" fields={[]} />}
      {record.status === 'submitted' && <ActionDialogButton resource="seller-applications" action="request-changes" label="resources.seller-applications.action.request_changes" color="warning" fields={[reason]} />}
      <ActionDialogButton resource="seller-applications" action="reject" label="resources.seller-applications.action.reject" color="error" fields={[reason]} />
    </TopToolbar>
  );
}

export function SellerApplicationShow() {
  return (
    <Show actions={<Decisions />}>
      <SimpleShowLayout>
        <TextField source="userName" />
        <TextField source="userEmail" />
        <TextField source="status" />
        <DateField source="slaDueAt" showTime />
        <FunctionField source="skills" render={(r) => (r.skills as string[]).join(', ')} />
        <TextField source="experience" />
        <TextField source="education" />
        <TextField source="about" emptyText="—" />
        <FunctionField source="portfolio" render={(r) => <Stack>{(r.portfolio as string[]).map((u) => <Link key={u} href={u} target="_blank" rel="noopener noreferrer">{u}</Link>)}</Stack>} />
        <TextField source="decisionReason" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
