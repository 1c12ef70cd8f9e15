import { Datagrid, FunctionField, List, TextField, TextInput, useTranslate } from 'react-admin';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { DateTimeField } from '../common/DateTimeField';

/** WRN-4, WRN-6, WRN-8: who is suspended until when, and why; lift early with a reason. */
export function SuspensionList() {
  const translate = useTranslate();
  return (
    <List
      filters={[<TextInput key="q" source="q" alwaysOn />]}
      sort={{ field: 'suspendedUntil', order: 'ASC' }}
    >
      <Datagrid bulkActionButtons={false} rowClick={(id) => `/users/${id}/show`}>
        <TextField source="name" />
        <TextField source="email" sortable={false} />
        <DateTimeField source="suspendedUntil" />
        <FunctionField
          source="warningType"
          sortable={false}
          render={(r) => (r.warningType ? translate(`resources.users.warning_type.${r.warningType}`) : '—')}
        />
        <TextField source="warningReason" sortable={false} emptyText="—" />
        <FunctionField
          render={() => (
            <span onClick={(e) => e.stopPropagation()}>
              <ActionDialogButton
                resource="users"
                action="lift-suspension"
                label="resources.users.action.lift"
                color="success"
                fields={[
                  { name: 'reason', label: 'resources.users.fields.reason', type: 'text', required: true },
                ]}
              />
            </span>
          )}
        />
      </Datagrid>
    </List>
  );
}
