import { useRecordContext } from 'react-admin';

/** Shows a JSON column (before/after state) as readable, indented text. */
export function JsonField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const value = record?.[source];
  if (value == null) return <span>—</span>;
  return (
    <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', maxWidth: 480 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
