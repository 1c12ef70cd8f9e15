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
  useRecordContext,
  type RaRecord,
} from 'react-admin';
import { Money, formatMoney } from './Money';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField, RecordLink, SUBJECT_RESOURCES } from '../common/links';
import { EnumField, useAccountLabel, useMemoLabel } from '../common/EnumField';

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <TextInput key="kind" source="kind" />,
  <TextInput key="orderId" source="orderId" />,
  <TextInput key="userId" source="userId" />,
];

/** An account code in words; a user's account links to the user (`user:12:available`). */
function AccountText({ code }: { code: string }) {
  const account = useAccountLabel();
  const [scope, id] = code.split(':');
  const text = account(code);
  return scope === 'user' && id && /^\d+$/.test(id) ? (
    <RecordLink resource="users" id={Number(id)}>
      {text}
    </RecordLink>
  ) : (
    <>{text}</>
  );
}

function PostingsField(_props: { source: string; sortable?: boolean }) {
  return (
    <FunctionField
      source="postings"
      sortable={false}
      render={(r: RaRecord) =>
        (r.postings as { account: string; amount: number }[]).map((p, i) => (
          <span key={i}>
            {i > 0 && ' · '}
            <AccountText code={p.account} /> ({p.account}) {p.amount > 0 ? '+' : ''}
            {formatMoney(p.amount)}
          </span>
        ))
      }
    />
  );
}

/** An entry's reference (`withdrawal:12:paid`) with its case linked where the console has a page for it. */
function ReferenceText(_props: { source: string; label?: string }) {
  const record = useRecordContext<{ reference?: string | null }>();
  const ref = record?.reference;
  if (!ref) return <span>—</span>;
  const [kind, id] = ref.split(':');
  const resource = kind ? SUBJECT_RESOURCES[kind.replace(/-/g, '_')] : undefined;
  return resource && id && /^\d+$/.test(id) ? (
    <RecordLink resource={resource} id={Number(id)}>
      {ref}
    </RecordLink>
  ) : (
    <span>{ref}</span>
  );
}

function MemoField(_props: { source: string; sortable?: boolean }) {
  const memo = useMemoLabel();
  return (
    <FunctionField source="memo" sortable={false} render={(r: RaRecord) => memo(r as { memo?: string })} />
  );
}

function AccountField(_props: { source: string }) {
  return (
    <FunctionField source="account" render={(r: RaRecord) => <AccountText code={String(r.account)} />} />
  );
}

export function LedgerEntryList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <DateTimeField source="at" />
        <EnumField source="kind" kind="entry_kind" />
        <MemoField source="memo" sortable={false} />
        <LinkField source="orderId" reference="orders" sortable={false} />
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
        <ReferenceText source="reference" />
        <MemoField source="memo" />
        <ReferenceField source="orderId" reference="orders" link="show" emptyText="—">
          <TextField source="title" />
        </ReferenceField>
        <LinkField source="reversesEntryId" reference="ledger-entries" />
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
