import { FunctionField } from 'react-admin';
import { Chip } from '@mui/material';
import { useFormatDateTime } from './DateTimeField';

/** A queue row's SLA due date, red once it is overdue (the server says which, on its clock). */
export function SlaField(_props: { label?: string }) {
  const formatDate = useFormatDateTime();
  return (
    <FunctionField
      source="slaDueAt"
      render={(r: { slaDueAt: string; overdue: boolean }) => (
        <Chip size="small" color={r.overdue ? 'error' : 'default'} label={formatDate(r.slaDueAt)} />
      )}
    />
  );
}
