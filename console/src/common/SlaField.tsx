import { FunctionField } from 'react-admin';
import { Chip } from '@mui/material';

/** A queue row's SLA due date, red once it is overdue (the server says which, on its clock). */
export function SlaField(_props: { label?: string }) {
  return (
    <FunctionField
      source="slaDueAt"
      render={(r: { slaDueAt: string; overdue: boolean }) => (
        <Chip
          size="small"
          color={r.overdue ? 'error' : 'default'}
          label={new Date(r.slaDueAt).toLocaleString()}
        />
      )}
    />
  );
}
