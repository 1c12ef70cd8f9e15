import { BooleanField, Datagrid, DateField, FunctionField, List, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { SlaField } from '../common/SlaField';

const STATUS = ['submitted', 'approved', 'rejected'].map((id) => ({ id, name: `resources.identity-checks.status.${id}` }));
const filters = [<TextInput key="q" source="q" alwaysOn />, <SelectInput key="status" source="status" choices={STATUS} alwaysOn />];

/** ACC-7: the identity checks queue, oldest SLA first. */
export function IdentityCheckList() {
  const translate = useTranslate();
  return (
    <List filters={filters} filterDefaultValues={{ status: 'submitted' }} sort={{ field: 'slaDueAt', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <SlaField />
        <TextField source="userName" sortable={false} />
        <TextField source="userEmail" sortable={false} />
        <BooleanField source="isSeller" sortable={false} />
        <FunctionField source="status" sortable={false} render={(r) => translate(`resources.identity-checks.status.${r.status}`)} />
        <DateField source="submittedAt" />
      </Datagrid>
    </List>
  );
}
