import {
  Box,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useRecordContext, usePermissions, useTranslate } from 'react-admin';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { allows } from '../common/allowed';
import { useAdminGet } from '../common/useAdminGet';
import { useFormatDateTime } from '../common/DateTimeField';

interface Access {
  status: string;
  canSignIn: boolean;
  reasons: string[];
  activation: { activatedAt: string | null; lastLinkSentAt: string | null; lastLinkLive: boolean };
  verification: { email: boolean; phone: boolean; identity: boolean };
  sessions: {
    id: number;
    createdAt: string;
    lastUsedAt: string | null;
    ip: string | null;
    userAgent: string | null;
  }[];
  signIns: {
    id: number;
    at: string;
    ip: string | null;
    userAgent: string | null;
    success: boolean;
    failure: string | null;
  }[];
}

const REASON = [{ name: 'reason', label: 'app.access.reason', type: 'text', required: true }] as const;

/**
 * Issue #18: what support needs when someone cannot get in: activation, verification, sessions, the last
 * 20 sign-ins, why sign-in is refused, and the actions (each with a reason, audited).
 */
export function AccountAccessPanel() {
  const record = useRecordContext();
  const translate = useTranslate();
  const formatDate = useFormatDateTime();
  const when = (at: string | null) => formatDate(at) || '—';
  const { permissions } = usePermissions();
  const allowed = ['support', 'trust_safety', 'admin'].includes(String(permissions));
  const access = useAdminGet<Access>(`/users/${record?.id}/access`);
  if (!record || !allowed) return null;
  const a = access.data;
  if (!a) return null;
  const fields = REASON.map((f) => ({ ...f }));
  return (
    <Box data-testid="account-access" sx={{ my: 1 }}>
      <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: 'wrap' }}>
        <Chip
          color={a.canSignIn ? 'success' : 'error'}
          label={translate(a.canSignIn ? 'app.access.can_sign_in' : 'app.access.cannot_sign_in')}
        />
        {(['email', 'phone', 'identity'] as const).map((k) => (
          <Chip
            key={k}
            variant="outlined"
            color={a.verification[k] ? 'success' : 'default'}
            label={
              `${translate(`app.access.verified.${k}`)}: ` +
              `${translate(a.verification[k] ? 'app.access.yes' : 'app.access.no')}`
            }
          />
        ))}
      </Stack>
      {a.reasons.map((r) => (
        <Typography key={r} variant="body2" color="error">
          {r}
        </Typography>
      ))}
      <Typography variant="body2">
        {translate('app.access.activation', {
          at: when(a.activation.activatedAt),
          sent: when(a.activation.lastLinkSentAt),
        })}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1 }}>
        {allows(a, 'activation-resend') && (
          <ActionDialogButton
            resource="users"
            action="activation/resend"
            label="app.access.resend"
            fields={fields}
          />
        )}
        <ActionDialogButton
          resource="users"
          action="password-reset"
          label="app.access.send_reset"
          fields={fields}
        />
        <ActionDialogButton
          resource="users"
          action="sessions/end"
          label="app.access.end_all"
          color="error"
          fields={fields}
          disabled={a.sessions.length === 0}
        />
      </Stack>
      <Typography variant="subtitle2">
        {translate('app.access.sessions', { n: a.sessions.length })}
      </Typography>
      <Table size="small">
        <TableBody>
          {a.sessions.map((s) => (
            <TableRow key={s.id}>
              <TableCell>{when(s.createdAt)}</TableCell>
              <TableCell>{when(s.lastUsedAt)}</TableCell>
              <TableCell>{s.ip ?? '—'}</TableCell>
              <TableCell>{s.userAgent ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate('app.access.sign_ins')}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.access.time')}</TableCell>
            <TableCell>{translate('app.security.address')}</TableCell>
            <TableCell>{translate('app.security.device')}</TableCell>
            <TableCell>{translate('app.access.outcome')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {a.signIns.map((s) => (
            <TableRow key={s.id}>
              <TableCell>{when(s.at)}</TableCell>
              <TableCell>{s.ip ?? '—'}</TableCell>
              <TableCell>{s.userAgent ?? '—'}</TableCell>
              <TableCell>
                {s.success ? translate('app.access.success') : (s.failure ?? translate('app.access.failure'))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
