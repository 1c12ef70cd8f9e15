import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useNotify,
  useTranslate,
} from 'react-admin';
import { Button, TextField as MuiTextField } from '@mui/material';
import { download, thisMonth } from '../common/download';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField } from '../common/links';

const KIND = ['invoice', 'credit_note'].map((id) => ({ id, name: `resources.invoices.kind.${id}` }));
const STATUS = ['issued', 'cancelled'].map((id) => ({ id, name: `resources.invoices.status.${id}` }));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={KIND} alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUS} />,
  <TextInput key="month" source="month" placeholder="2026-11" />,
];

/** INV-4: the month's invoices and credit notes as CSV. */
function ExportMonth() {
  const translate = useTranslate();
  const notify = useNotify();
  const [month, setMonth] = useState(thisMonth());
  return (
    <TopToolbar sx={{ gap: 1, alignItems: 'center' }}>
      <MuiTextField
        size="small"
        label={translate('resources.invoices.fields.month')}
        value={month}
        onChange={(e) => setMonth(e.target.value)}
        slotProps={{ htmlInput: { 'aria-label': translate('resources.invoices.fields.month') } }}
      />
      <Button
        variant="outlined"
        size="small"
        onClick={() =>
          void download(
            `/invoices/export.csv?month=${encodeURIComponent(month)}`,
            `invoices-${month}.csv`,
          ).then((problem) => problem && notify(problem, { type: 'warning' }))
        }
      >
        {translate('resources.invoices.action.export')}
      </Button>
    </TopToolbar>
  );
}

/** INV-4: invoices and credit notes, found by number, buyer or order. */
export function InvoiceList() {
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} actions={<ExportMonth />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="number" />
        <FunctionField
          source="kind"
          sortable={false}
          render={(r) => translate(`resources.invoices.kind.${r.kind}`)}
        />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.invoices.fields.userName"
          sortable={false}
        />
        <LinkField
          source="orderId"
          reference="orders"
          label="resources.invoices.fields.orderId"
          sortable={false}
          emptyText="—"
        />
        <FunctionField
          source="total"
          render={(r) =>
            `${r.kind === 'credit_note' ? '-' : ''}Rp ${Number(r.total).toLocaleString('id-ID')}`
          }
        />
        <FunctionField
          source="status"
          sortable={false}
          render={(r) => translate(`resources.invoices.status.${r.status}`)}
        />
        <DateTimeField source="issuedAt" />
      </Datagrid>
    </List>
  );
}
