import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  ArrayField,
  type RaRecord,
} from 'react-admin';
import { Money, formatMoney } from './Money';

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <TextInput key="kind" source="kind" />,
  <TextInput key="orderId" source="orderId" />,
  <TextInput key="userId" source="userId" />,
];

const postingsText = (r: RaRecord) =>
  (r.postings as { account: string; amount: number }[])
    .map((p) => `${p.account} ${p.amount > 0 ? '+' : ''}${formatMoney(p.amount)}`)
    .join(' · ');

export function LedgerEntryList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <DateField source="at" showTime />
        <TextField source="kind" />
        <TextField source="memo" sortable={false} />
        <ReferenceField source="orderId" reference="orders" link="show" emptyText="—" sortable={false}>
          <TextField source="id" />
        </ReferenceField>
        <FunctionField source="postings" render={postingsText} sortable={false} />
      </Datagrid>
    </List>
  );
}

export function LedgerEntryShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <DateField source="at" showTime />
        <TextField source="kind" />
        <TextField source="reference" emptyText="—" />
        <TextField source="memo" />
        <ReferenceField source="orderId" reference="orders" link="show" emptyText="—">
          <TextField source="title" />
        </ReferenceField>
        <TextField source="reversesEntryId" emptyText="—" />
        <ArrayField source="postings">
          <Datagrid bulkActionButtons={false}>
            <TextField source="account" />
            <TextField source="kind" />
            <Money source="amount" />
          </Datagrid>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
