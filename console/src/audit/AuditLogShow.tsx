import { DateField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { JsonField } from './JsonField';

export function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <DateField source="at" showTime />
        <TextField source="actorType" />
        <TextField source="actorName" emptyText="—" />
        <TextField source="actorRole" emptyText="—" />
        <TextField source="action" />
        <TextField source="subjectType" />
        <TextField source="subjectId" emptyText="—" />
        <TextField source="reason" emptyText="—" />
        <JsonField source="before" />
        <JsonField source="after" />
        <TextField source="requestId" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
