import {
  BooleanInput,
  Datagrid,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TextInput,
  type RaRecord,
} from 'react-admin';
import { Chip } from '@mui/material';
import { Money } from '../ledger/Money';
import { SlaField } from '../common/SlaField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField, useEnumLabel } from '../common/EnumField';
import { LinkField } from '../common/links';
import { useAssignedToMeFilter } from '../common/QueueList';
import { SUPPORT_CASES_LIST } from '../listDefaults';

const STATUS = ['open', 'approved', 'partially_approved', 'rejected', 'decided'].map((id) => ({
  id,
  name: `resources.support-cases.status.${id}`,
}));
const TYPE = [
  { id: 'refund', name: 'resources.support-cases.type.refund' },
  { id: 'escalation', name: 'resources.support-cases.type.escalation' },
];
const KIND = ['order', 'credit_to_source', 'duplicate_charge', 'escalated_cancellation'].map((id) => ({
  id,
  name: `resources.support-cases.kind.${id}`,
}));

/** The case page of a row: a refund request or an escalation. */
const caseLink = (_id: unknown, _resource: string, r: RaRecord) =>
  `/${r.type === 'refund' ? 'refund-requests' : 'escalations'}/${r.caseId}/show`;

export function SupportCaseList() {
  const label = useEnumLabel();
  const mine = useAssignedToMeFilter();
  const filters = [
    <TextInput key="q" source="q" alwaysOn />,
    <SelectInput key="status" source="status" choices={STATUS} alwaysOn />,
    <SelectInput key="type" source="type" choices={TYPE} />,
    <SelectInput key="kind" source="kind" choices={KIND} />,
    <BooleanInput key="overdue" source="overdue" />,
    mine,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={SUPPORT_CASES_LIST.filter}
      sort={SUPPORT_CASES_LIST.sort}
      perPage={SUPPORT_CASES_LIST.perPage}
    >
      <Datagrid rowClick={caseLink} bulkActionButtons={false}>
        <SlaField source="slaDueAt" label="app.queue.sla" />
        <FunctionField
          source="kind"
          sortable={false}
          render={(r) => (
            <Chip size="small" variant="outlined" label={label('resources.support-cases.kind', r.kind)} />
          )}
        />
        <LinkField
          source="partyId"
          nameSource="partyName"
          reference="users"
          label="resources.support-cases.fields.partyName"
          sortable={false}
        />
        <LinkField
          source="orderId"
          nameSource="orderTitle"
          reference="orders"
          label="resources.support-cases.fields.orderTitle"
          sortable={false}
          emptyText="—"
        />
        <Money source="amount" />
        <EnumField source="status" kind="resources.support-cases.status" sortable={false} />
        <TextField source="assignedName" sortable={false} emptyText="—" />
        <DateTimeField source="createdAt" showTime={false} />
      </Datagrid>
    </List>
  );
}
