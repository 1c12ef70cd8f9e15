import { ChipField, Datagrid, List, SelectInput, TextField, TextInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';

const filters = [
  <SelectInput
    key="status"
    source="status"
    alwaysOn
    choices={['failed', 'pending', 'done'].map((s) => ({ id: s, name: `resources.jobs.status.${s}` }))}
  />,
  <TextInput key="kind" source="kind" />,
];

/** OPS-4: scheduler jobs, opened on the failed ones (the dashboard links here). */
export function JobList() {
  return (
    <List filters={filters} filterDefaultValues={{ status: 'failed' }} sort={{ field: 'id', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <TextField source="kind" />
        <TextField source="payloadSummary" sortable={false} />
        <TextField source="attempts" />
        <ChipField source="status" sortable={false} />
        <TextField
          source="lastError"
          sortable={false}
          sx={{ display: 'block', maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis' }}
          emptyText="—"
        />
        <DateTimeField source="failedAt" />
      </Datagrid>
    </List>
  );
}
