import { BooleanField, Datagrid, DateField, FunctionField, List, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { Chip } from '@mui/material';

const STATUS = ['submitted', 'approved', 'rejected'].map((id) => ({ id, name: `resources.identity-checks.status.${id}` }));
const filters = [<TextInput key="q" source="q" alwaysOn />, <SelectInput key="status" source="status" choices={STATUS} alwaysOn />];

/** ACC-7: the identity checks queue, oldest SLA first. */
export function IdentityCheckList() {
  const translate = useTranslate();
  return (
    <List filters={filters} filterDefaultValues={{ status: 'submitted' }} sort={{ field: 'slaDueAt', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <FunctionField source="slaDueAt" render={(r) => <Chip size="small" color={r.overdue ? 'error' : 'default'} label={new Date(r.slaDueAt).toLocaleString()} />} />
        <TextField source="userName" sortable={false} />
        <TextField source="userEmail" sortable={false} />
        <BooleanField source="isSeller" sortable={false} />
        <FunctionField source="status" sortable={false} render={(r) => translate(`resources.identity-checks.status.${r.status}`)} />
        <DateField source="submittedAt" />
      </Datagrid>
    </List>
  );
}
