import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { JsonField } from './JsonField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { AuditActorField, AuditSubjectField } from '../common/links';

export function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <DateTimeField source="at" />
        <EnumField source="actorType" kind="actor_type" />
        <AuditActorField source="actorName" />
        <EnumField source="actorRole" kind="roles" />
        <EnumField source="action" kind="audit" />
        <AuditSubjectField source="subjectType" />
        <TextField source="reason" emptyText="—" />
        <JsonField source="before" />
        <JsonField source="after" />
        <TextField source="requestId" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
