import {
  BooleanInput,
  Datagrid,
  DateField,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';
import { Chip } from '@mui/material';
import { STATUSES, TOPICS } from './choices';
import { SlaField } from '../common/SlaField';
import { useAssignedToMeFilter } from '../common/QueueList';

export function TicketList() {
  const mine = useAssignedToMeFilter();
  const filters = [
    <TextInput key="q" source="q" alwaysOn />,
    <BooleanInput key="active" source="active" alwaysOn />,
    <SelectInput key="status" source="status" choices={STATUSES} />,
    <SelectInput key="topic" source="topic" choices={TOPICS} />,
    <BooleanInput key="breached" source="breached" />,
    mine,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ active: true }}
      sort={{ field: 'nextBreachAt', order: 'ASC' }}
      perPage={25}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <SlaField source="nextBreachAt" label="app.queue.sla" />
        <TextField source="id" />
        <TextField source="subject" sortable={false} />
        <FunctionField
          source="topic"
          sortable={false}
          render={(r: { topic: string }) => <Chip size="small" variant="outlined" label={r.topic} />}
        />
        <TextField source="requesterName" sortable={false} />
        <TextField source="status" sortable={false} />
        <TextField source="queue" sortable={false} />
        <TextField source="assignedName" sortable={false} emptyText="—" />
        <DateField source="lastActivityAt" showTime />
      </Datagrid>
    </List>
  );
}
