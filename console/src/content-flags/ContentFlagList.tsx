import { Datagrid, FunctionField, List, SelectInput, TextField, useTranslate } from 'react-admin';
import { Highlighted } from '../service-reviews/Highlighted';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField } from '../common/links';

const STATUS = ['open', 'dismissed', 'warned'].map((id) => ({
  id,
  name: `resources.content-flags.status.${id}`,
}));
const SUBJECT = ['service', 'proposal', 'message'].map((id) => ({
  id,
  name: `resources.content-flags.subject.${id}`,
}));
const filters = [
  <SelectInput key="status" source="status" choices={STATUS} alwaysOn />,
  <SelectInput key="subjectType" source="subjectType" choices={SUBJECT} alwaysOn />,
];

/** CAT-3: contact details found in services, proposals and order messages, open first. */
export function ContentFlagList() {
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'open' }}
      sort={{ field: 'priority', order: 'ASC' }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <FunctionField
          source="subjectType"
          sortable={false}
          render={(r) => translate(`resources.content-flags.subject.${r.subjectType}`)}
        />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.content-flags.fields.userName"
          sortable={false}
        />
        <FunctionField
          source="text"
          sortable={false}
          render={(r) => <Highlighted text={r.text} matches={r.matches} />}
        />
        <FunctionField
          source="status"
          sortable={false}
          render={(r) => translate(`resources.content-flags.status.${r.status}`)}
        />
        <DateTimeField source="createdAt" />
      </Datagrid>
    </List>
  );
}
