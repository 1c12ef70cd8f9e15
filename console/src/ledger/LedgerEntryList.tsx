import {
  Datagrid,
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
import { DateTimeField } from '../common/DateTimeField';
import { EnumField, useAccountLabel, useMemoLabel } from '../common/EnumField';

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <TextInput key="kind" source="kind" />,
  <TextInput key="orderId" source="orderId" />,
  <TextInput key="userId" source="userId" />,
];

function PostingsField(_props: { source: string; sortable?: boolean }) {
  const account = useAccountLabel();
  return (
    <FunctionField
      source="postings"
      sortable={false}
      render={(r: RaRecord) =>
        (r.postings as { account: string; amount: number }[])
          .map(
            (p) => `${account(p.account)} (${p.account}) ${p.amount > 0 ? '+' : ''}${formatMoney(p.amount)}`,
          )
          .join(' · ')
      }
    />
  );
}

function MemoField(_props: { source: string; sortable?: boolean }) {
  const memo = useMemoLabel();
  return (
    <FunctionField source="memo" sortable={false} render={(r: RaRecord) => memo(r as { memo?: string })} />
  );
}

function AccountField(_props: { source: string }) {
  const account = useAccountLabel();
  return <FunctionField source="account" render={(r: RaRecord) => account(String(r.account))} />;
}

export function LedgerEntryList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <DateTimeField source="at" />
        <EnumField source="kind" kind="entry_kind" />
        <MemoField source="memo" sortable={false} />
        <ReferenceField source="orderId" reference="orders" link="show" emptyText="—" sortable={false}>
          <TextField source="id" />
        </ReferenceField>
        <PostingsField source="postings" sortable={false} />
      </Datagrid>
    </List>
  );
}

export function LedgerEntryShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <DateTimeField source="at" />
        <EnumField source="kind" kind="entry_kind" />
        <TextField source="reference" emptyText="—" />
        <MemoField source="memo" />
        <ReferenceField source="orderId" reference="orders" link="show" emptyText="—">
          <TextField source="title" />
        </ReferenceField>
        <TextField source="reversesEntryId" emptyText="—" />
        <ArrayField source="postings">
          <Datagrid bulkActionButtons={false}>
            <AccountField source="account" />
            <EnumField source="kind" kind="account" />
            <Money source="amount" />
          </Datagrid>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
