import { Datagrid, FunctionField, List, TextField, TextInput } from 'react-admin';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField } from '../common/links';

const filters = [<TextInput key="q" source="q" alwaysOn />];

/** RVW-4: reviews, with removal for a terms violation (reason required, the author is told). */
export function ReviewList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="id" />
        <LinkField
          source="authorId"
          nameSource="authorName"
          reference="users"
          label="resources.reviews.fields.authorName"
          sortable={false}
        />
        <LinkField
          source="subjectId"
          nameSource="subjectName"
          reference="users"
          label="resources.reviews.fields.subjectName"
          sortable={false}
        />
        <FunctionField
          source="communication"
          sortable={false}
          render={(r) => `${r.communication} / ${r.asDescribed} / ${r.recommend}`}
        />
        <TextField source="text" sortable={false} />
        <DateTimeField source="createdAt" showTime={false} />
        <TextField source="removedReason" sortable={false} emptyText="—" />
        <FunctionField
          render={(r) =>
            r.removedAt ? null : (
              <ActionDialogButton
                resource="reviews"
                action="remove"
                label="resources.reviews.action.remove"
                color="error"
                fields={[
                  { name: 'reason', label: 'resources.reviews.fields.reason', type: 'text', required: true },
                ]}
              />
            )
          }
        />
      </Datagrid>
    </List>
  );
}
