import { FunctionField, SelectInput, TextField, TextInput } from 'react-admin';
import { QueueList } from '../common/QueueList';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { LinkField } from '../common/links';

const STATUS = ['submitted', 'changes_requested', 'approved', 'rejected'].map((id) => ({
  id,
  name: `resources.seller-applications.status.${id}`,
}));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUS} alwaysOn />,
];

/** SEL-2: the queue, oldest SLA first (overdue at the top). */
export function SellerApplicationList() {
  return (
    <QueueList filters={filters} filterDefaultValues={{ status: 'submitted' }}>
      <LinkField
        source="userId"
        nameSource="userName"
        reference="users"
        label="resources.seller-applications.fields.userName"
        sortable={false}
      />
      <TextField source="userEmail" sortable={false} />
      <FunctionField source="skills" sortable={false} render={(r) => (r.skills as string[]).join(', ')} />
      <EnumField source="status" kind="status.seller_applications" sortable={false} />
      <DateTimeField source="submittedAt" showTime={false} />
    </QueueList>
  );
}
