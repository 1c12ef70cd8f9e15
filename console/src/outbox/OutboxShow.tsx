import { Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';

/** The message text with its links clickable (activation links carry `token=`). */
function MessageText() {
  const record = useRecordContext();
  if (!record) return null;
  const parts = String(record.text).split(/(https?:\/\/\S+)/g);
  return (
    <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}>
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p}>
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </pre>
  );
}

export function OutboxShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="to" />
        <TextField source="subject" />
        <MessageText />
        <TextField source="kind" />
        <DateTimeField source="createdAt" />
        <TextField source="status" />
        <TextField source="attempts" />
        <DateTimeField source="sentAt" />
        <TextField source="lastError" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
