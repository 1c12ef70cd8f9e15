import { Box, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { ActionDialogButton, type ActionField } from '../common/ActionDialogButton';
import { useAdminGet } from '../common/useAdminGet';

interface Session {
  id: number;
  createdAt: string | null;
  lastSeenAt: string | null;
  ip: string | null;
  userAgent: string | null;
}

const REASON: ActionField[] = [{ name: 'reason', label: 'app.access.reason', type: 'text', required: true }];
const when = (at: string | null) => (at ? new Date(at).toLocaleString() : '—');

/**
 * Issue #18 / OPS-7, on an admin's page of a colleague: their console sessions, ending them all, and
 * resetting a lost second factor (never one's own), each with a reason and audited by the server.
 */
export function StaffAccessPanel() {
  const record = useRecordContext();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const sessions = useAdminGet<Session[]>(`/staff/${record?.id}/sessions`);
  if (!record) return null;
  const own = identity?.id === record.id;
  const list = sessions.data ?? [];
  return (
    <Box data-testid="staff-access" sx={{ p: 2, maxWidth: 900 }}>
      <Typography variant="h6" component="h2">
        {translate('app.account.staff_sessions', { n: list.length })}
      </Typography>
      <Table size="small" aria-label={translate('app.account.staff_sessions', { n: list.length })}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.security.opened')}</TableCell>
            <TableCell>{translate('app.security.last_seen')}</TableCell>
            <TableCell>{translate('app.security.address')}</TableCell>
            <TableCell>{translate('app.security.device')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.map((s) => (
            <TableRow key={s.id}>
              <TableCell>{when(s.createdAt)}</TableCell>
              <TableCell>{when(s.lastSeenAt)}</TableCell>
              <TableCell>{s.ip ?? '—'}</TableCell>
              <TableCell sx={{ wordBreak: 'break-word' }}>{s.userAgent ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
        <ActionDialogButton
          resource="staff"
          action="sessions/end"
          label="app.account.end_staff_sessions"
          color="error"
          fields={REASON}
          disabled={own || list.length === 0}
        />
        <ActionDialogButton
          resource="staff"
          action="second-factor/reset"
          label="app.account.reset_second_factor"
          color="warning"
          fields={REASON}
          disabled={own}
        />
      </Stack>
      {own && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('app.account.not_own')}
        </Typography>
      )}
    </Box>
  );
}
