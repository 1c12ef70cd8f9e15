import {
  BooleanInput,
  Datagrid,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TextInput,
  useTranslate,
} from 'react-admin';
import { Chip } from '@mui/material';
import { STATUSES, TOPICS } from './choices';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { LinkField } from '../common/links';
import { useAssignedToMeFilter } from '../common/QueueList';
import { TICKETS_LIST } from '../listDefaults';

/** SUP-3 / OPS-2: the next breach, red once it has passed (the server says which, on its clock). */
export function BreachField(_props: { label?: string; source?: string }) {
  const formatDate = useFormatDateTime();
  const translate = useTranslate();
  return (
    <FunctionField
      source="nextBreachAt"
      render={(r: {
        nextBreachAt: string | null;
        firstResponseBreached: boolean;
        resolutionBreached: boolean;
        slaPausedAt?: string | null;
      }) =>
        !r.nextBreachAt && r.slaPausedAt ? (
          <Chip size="small" variant="outlined" label={translate('resources.tickets.breach.paused')} />
        ) : r.nextBreachAt ? (
          <Chip
            size="small"
            color={r.firstResponseBreached || r.resolutionBreached ? 'error' : 'default'}
            label={
              formatDate(r.nextBreachAt) +
              (r.firstResponseBreached
                ? ` · ${translate('resources.tickets.breach.first_response')}`
                : r.resolutionBreached
                  ? ` · ${translate('resources.tickets.breach.resolution')}`
                  : '')
            }
          />
        ) : (
          '—'
        )
      }
    />
  );
}

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
      filterDefaultValues={TICKETS_LIST.filter}
      sort={TICKETS_LIST.sort}
      perPage={TICKETS_LIST.perPage}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <BreachField source="nextBreachAt" label="app.queue.sla" />
        <TextField source="id" />
        <TextField source="subject" sortable={false} />
        <FunctionField
          source="topic"
          sortable={false}
          render={(r: { topic: string }) => <Chip size="small" variant="outlined" label={r.topic} />}
        />
        <LinkField
          source="requesterId"
          nameSource="requesterName"
          reference="users"
          label="resources.tickets.fields.requesterName"
          sortable={false}
        />
        <EnumField source="status" kind="status.tickets" sortable={false} />
        <EnumField source="queue" kind="queue" sortable={false} />
        <TextField source="assignedName" sortable={false} emptyText="—" />
        <DateTimeField source="lastActivityAt" />
      </Datagrid>
    </List>
  );
}
