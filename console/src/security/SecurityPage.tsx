import { useState } from 'react';
import { useAdminGet } from '../common/useAdminGet';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { Title, useNotify, useRefresh, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { forgetMe } from '../authProvider';
import { PasswordCard } from './PasswordCard';

interface Status {
  required: boolean;
  enrolled: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
}
interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}
interface Session {
  id: number;
  createdAt: string | null;
  lastSeenAt: string | null;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

const when = (at: string | null) => (at ? new Date(at).toLocaleString() : '—');

/** OPS-7: enrol an authenticator app (QR code, then recovery codes shown once). */
function SecondFactorCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const status = useAdminGet<Status>('/me/second-factor');
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = async () => {
    try {
      setEnrolment((await httpClient(`${API_ROOT}/me/second-factor`, { method: 'POST' })).json as Enrolment);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const confirm = async () => {
    try {
      const { json } = await httpClient(`${API_ROOT}/me/second-factor/confirm`, {
        method: 'POST',
        body: JSON.stringify({ code }),
      });
      setCodes((json as { recoveryCodes: string[] }).recoveryCodes);
      setEnrolment(null);
      // The session may reach everything now: read who is signed in again (the enrolment gate lets go).
      forgetMe();
      refresh();
      status.refetch();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const s = status.data;
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6">{translate('app.security.second_factor')}</Typography>
        {s && (
          <Typography variant="body2" data-testid="second-factor-state">
            {s.enrolled
              ? translate('app.security.enrolled', { at: when(s.confirmedAt), left: s.recoveryCodesLeft })
              : translate(s.required ? 'app.security.required' : 'app.security.optional')}
          </Typography>
        )}
        {codes && (
          <Alert severity="warning" sx={{ my: 2 }}>
            {translate('app.security.recovery_codes')}
            <Box component="pre" data-testid="recovery-codes" sx={{ fontFamily: 'monospace' }}>
              {codes.join('\n')}
            </Box>
          </Alert>
        )}
        {s && !s.enrolled && !enrolment && (
          <Button variant="contained" sx={{ mt: 2 }} onClick={() => void start()}>
            {translate('app.security.start')}
          </Button>
        )}
        {enrolment && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="body2">{translate('app.security.scan')}</Typography>
            <img src={enrolment.qrCode} alt={translate('app.security.qr_alt')} width={240} height={240} />
            <Typography variant="body2">
              {translate('app.security.secret')} <code data-testid="totp-secret">{enrolment.secret}</code>
            </Typography>
            <TextField
              label={translate('app.security.code')}
              value={code}
              onChange={(e) => setCode(e.target.value.trim())}
              size="small"
              sx={{ mt: 2, mr: 2 }}
            />
            <Button variant="contained" sx={{ mt: 2 }} onClick={() => void confirm()}>
              {translate('app.security.confirm')}
            </Button>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

/** OPS-7: the staff member's own console sessions, each can be ended. */
function SessionsCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const sessions = useAdminGet<Session[]>('/me/sessions');
  const end = async (id: number) => {
    try {
      await httpClient(`${API_ROOT}/me/sessions/${id}`, { method: 'DELETE' });
      sessions.refetch();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{translate('app.security.sessions')}</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.security.opened')}</TableCell>
              <TableCell>{translate('app.security.last_seen')}</TableCell>
              <TableCell>{translate('app.security.address')}</TableCell>
              <TableCell>{translate('app.security.device')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {(sessions.data ?? []).map((s) => (
              <TableRow key={s.id}>
                <TableCell>{when(s.createdAt)}</TableCell>
                <TableCell>{when(s.lastSeenAt)}</TableCell>
                <TableCell>{s.ip ?? '—'}</TableCell>
                <TableCell>{s.userAgent ?? '—'}</TableCell>
                <TableCell>
                  {s.current ? (
                    translate('app.security.this_session')
                  ) : (
                    <Button size="small" color="error" onClick={() => void end(s.id)}>
                      {translate('app.security.end')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

export function SecurityPage() {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('app.security.title')} />
      <SecondFactorCard />
      <PasswordCard />
      <SessionsCard />
    </Box>
  );
}
