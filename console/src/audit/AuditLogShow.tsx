import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { JsonField } from './JsonField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';

export function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <DateTimeField source="at" />
        <EnumField source="actorType" kind="actor_type" />
        <TextField source="actorName" emptyText="—" />
        <EnumField source="actorRole" kind="roles" />
        <EnumField source="action" kind="audit" />
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
