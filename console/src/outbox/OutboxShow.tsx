import { DateField, Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';

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
        <DateField source="createdAt" showTime />
        <TextField source="status" />
        <TextField source="attempts" />
        <DateField source="sentAt" showTime emptyText="—" />
        <TextField source="lastError" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
