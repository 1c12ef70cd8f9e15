import { BooleanField, FunctionField, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { QueueList } from '../common/QueueList';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField } from '../common/links';

const STATUS = ['submitted', 'approved', 'rejected'].map((id) => ({
  id,
  name: `resources.identity-checks.status.${id}`,
}));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUS} alwaysOn />,
];

/** ACC-7: the identity checks queue, oldest SLA first. */
export function IdentityCheckList() {
  const translate = useTranslate();
  return (
    <QueueList filters={filters} filterDefaultValues={{ status: 'submitted' }}>
      <LinkField
        source="userId"
        nameSource="userName"
        reference="users"
        label="resources.identity-checks.fields.userName"
        sortable={false}
      />
      <TextField source="userEmail" sortable={false} />
      <BooleanField source="isSeller" sortable={false} />
      <FunctionField
        source="status"
        sortable={false}
        render={(r) => translate(`resources.identity-checks.status.${r.status}`)}
      />
      <DateTimeField source="submittedAt" showTime={false} />
    </QueueList>
  );
}
