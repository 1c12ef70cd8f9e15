import type { ReactElement, ReactNode } from 'react';
import { Datagrid, List, TextField } from 'react-admin';
import { SlaField } from './SlaField';

/** A work queue (OPS-2): oldest SLA first so overdue rows lead, each row opening its case page. */
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
  return (
    <List
      filters={filters}
      filterDefaultValues={filterDefaultValues}
      sort={{ field: 'slaDueAt', order: 'ASC' }}
      actions={actions}
    >
      <Datagrid rowClick="show" bulkActionButtons={bulkActionButtons}>
        <TextField source="id" />
        <SlaField />
        {children}
      </Datagrid>
    </List>
  );
}
