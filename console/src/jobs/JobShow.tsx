import { Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { DateTimeField } from '../common/DateTimeField';

function LastError() {
  const record = useRecordContext<{ lastError: string | null }>();
  if (!record?.lastError) return null;
  return <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: '0.8rem' }}>{record.lastError}</pre>;
}

function Actions() {
  return (
    <TopToolbar>
      <ActionDialogButton
        resource="jobs"
        action="retry"
        transition="admin-retry"
        label="resources.jobs.action.retry"
        fields={[{ name: 'reason', label: 'resources.jobs.fields.reason', type: 'text', required: true }]}
      />
    </TopToolbar>
  );
}

export function JobShow() {
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <TextField source="kind" />
        <TextField source="status" />
        <TextField source="payloadSummary" />
        <TextField source="attempts" />
        <DateTimeField source="failedAt" />
        <DateTimeField source="runAt" />
        <DateTimeField source="createdAt" />
        <LastError />
      </SimpleShowLayout>
    </Show>
  );
}
