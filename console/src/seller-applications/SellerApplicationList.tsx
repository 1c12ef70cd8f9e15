import { Datagrid, DateField, FunctionField, List, SelectInput, TextField, TextInput } from 'react-admin';
import { SlaField } from '../common/SlaField';

const STATUS = ['submitted', 'changes_requested', 'approved', 'rejected'].map((id) => ({ id, name: `resources.seller-applications.status.${id}` }));
const filters = [<TextInput key="q" source="q" alwaysOn />, <SelectInput key="status" source="status" choices={STATUS} alwaysOn />];

/** SEL-2: the queue, oldest SLA first (overdue at the top). */
export function SellerApplicationList() {
  return (
    <List filters={filters} filterDefaultValues={{ status: 'submitted' }} sort={{ field: 'slaDueAt', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <SlaField />
        <TextField source="userName" sortable={false} />
        <TextField source="userEmail" sortable={false} />
        <FunctionField source="skills" sortable={false} render={(r) => (r.skills as string[]).join(', ')} />
        <TextField source="status" sortable={false} />
        <DateField source="submittedAt" />
      </Datagrid>
    </List>
  );
}
