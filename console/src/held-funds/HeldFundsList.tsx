import { BooleanInput, Datagrid, FunctionField, List, TextField, TextInput, useTranslate } from 'react-admin';
import { Chip } from '@mui/material';
import { ActionDialogButton, type ActionField } from '../common/ActionDialogButton';
import { Money } from '../ledger/Money';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { LinkField } from '../common/links';

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <BooleanInput key="releasable" source="releasable" alwaysOn />,
];

const BANKS = [
  'BCA',
  'BNI',
  'BRI',
  'Mandiri',
  'BSI',
  'CIMB Niaga',
  'Permata',
  'Danamon',
  'BTN',
  'OCBC NISP',
  'Bank Jago',
  'SeaBank',
];
const methodFields: ActionField[] = [
  {
    name: 'bank',
    label: 'resources.held-funds.fields.bank',
    type: 'select',
    required: true,
    choices: BANKS.map((b) => ({ id: b, name: b })),
  },
  { name: 'accountNumber', label: 'resources.held-funds.fields.accountNumber', type: 'line', required: true },
  { name: 'holderName', label: 'resources.held-funds.fields.holderName', type: 'line', required: true },
];

/**
 * WRN-9: blocked users' held money, with the date from which it may be paid out; release creates a payout in
 * the queue.
 */
export function HeldFundsList() {
  const formatDate = useFormatDateTime();
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'releasableAt', order: 'ASC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <LinkField source="id" nameSource="name" reference="users" label="resources.held-funds.fields.name" />
        <TextField source="email" />
        <FunctionField
          source="status"
          sortable={false}
          render={(r) => translate(`resources.users.status.${r.status}`, { _: r.status })}
        />
        <Money source="held" />
        <DateTimeField source="blockedAt" sortable={false} showTime={false} />
        <FunctionField
          source="releasableAt"
          render={(r) => (
            <Chip
              size="small"
              color={r.releasable ? 'success' : 'default'}
              label={formatDate(r.releasableAt, 'date')}
            />
          )}
        />
        <FunctionField
          render={(r) => (
            <ActionDialogButton
              resource="held-funds"
              action="release"
              label="resources.held-funds.action.release"
              fields={methodFields}
              disabled={!r.releasable}
              toBody={(b) => ({ method: { type: 'bank_transfer', ...b } })}
            />
          )}
        />
      </Datagrid>
    </List>
  );
}
