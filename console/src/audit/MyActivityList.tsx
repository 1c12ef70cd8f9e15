import { Datagrid, FunctionField, List, TextField } from 'react-admin';
import { JsonField } from './JsonField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';

/** What the logged-in staff member did, from the audit log. */
export function MyActivityList() {
  return (
    <List sort={{ field: 'id', order: 'DESC' }} perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateTimeField source="at" />
        <EnumField source="action" kind="audit" />
        <FunctionField
          source="subjectType"
          render={(r) => `${r.subjectType}${r.subjectId ? ` #${r.subjectId}` : ''}`}
          sortable={false}
        />
        <TextField source="reason" sortable={false} />
        <JsonField source="after" />
      </Datagrid>
    </List>
  );
}
