import type { ReactElement, ReactNode } from 'react';
import { Datagrid, List, SelectInput, TextField, useGetIdentity } from 'react-admin';
import { SlaField } from './SlaField';

/** OPS-2: the "assigned to me" filter of every queue (the server filters `assignedTo`). */
export function useAssignedToMeFilter() {
  const { identity } = useGetIdentity();
  return (
    <SelectInput
      key="assignedTo"
      source="assignedTo"
      label="app.queue.assigned_to"
      choices={identity ? [{ id: identity.id, name: 'app.queue.assigned_to_me' }] : []}
      alwaysOn
    />
  );
}

/**
 * A work queue (OPS-2): oldest SLA first so overdue rows lead, with the SLA countdown, who holds each case
 * and
 * an "assigned to me" filter; each row opens its case page.
 */
export function QueueList({
  filters,
  filterDefaultValues,
  actions,
  bulkActionButtons = false,
  children,
}: {
  filters: ReactElement[];
  filterDefaultValues?: Record<string, unknown>;
  actions?: ReactElement;
  bulkActionButtons?: ReactElement | false;
  children: ReactNode;
}) {
  const mine = useAssignedToMeFilter();
  return (
    <List
      filters={[...filters, mine]}
      filterDefaultValues={filterDefaultValues}
      sort={{ field: 'slaDueAt', order: 'ASC' }}
      actions={actions}
    >
      <Datagrid rowClick="show" bulkActionButtons={bulkActionButtons}>
        <TextField source="id" />
        <SlaField source="slaDueAt" label="app.queue.sla" />
        {children}
        <TextField source="assignedName" label="app.queue.assigned_to" sortable={false} emptyText="—" />
      </Datagrid>
    </List>
  );
}
