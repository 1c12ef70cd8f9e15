import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Link, Typography } from '@mui/material';
import { useSearchParams } from 'react-router-dom';
import { Form, PasswordInput, required, TextInput, useNotify, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';

const samePassword = (value: string, values: Record<string, unknown>) =>
  value === values.password ? undefined : 'app.account.mismatch';

/**
 * Issue #18, staff password reset: without a token, asks for the email and always answers the same
 * (the server never tells whether the address is a staff account); with the token of the emailed link
 * (`/#/reset-password?token=…`), sets the new password, after which every session of that account ends.
 */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  // A new link opened in the same tab starts afresh, even after "link sent" was shown.
  return <ResetPasswordCard key={token ?? ''} token={token} />;
}

function ResetPasswordCard({ token }: { token: string | null }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (body: object, path: string, message: string) => {
    setBusy(true);
    try {
      await httpClient(`${API_ROOT}${path}`, { method: 'POST', body: JSON.stringify(body) });
      setDone(message);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <Card sx={{ width: 380 }}>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>
            {translate(token ? 'app.account.reset_title' : 'app.account.forgot_title')}
          </Typography>
          {done ? (
            <Alert severity="success" role="status">
              {translate(done)}
            </Alert>
          ) : token ? (
            <Form
              onSubmit={(v: Record<string, unknown>) =>
                void send(
                  { token, password: v.password },
                  '/password-reset/confirm',
                  'app.account.reset_done',
                )
              }
            >
              <PasswordInput
                source="password"
                label="app.account.new_password"
                autoComplete="new-password"
                helperText="app.account.password_rule"
                validate={required()}
                fullWidth
              />
              <PasswordInput
                source="again"
                label="app.account.again"
                autoComplete="new-password"
                validate={[required(), samePassword]}
                fullWidth
              />
              <Button type="submit" variant="contained" disabled={busy} fullWidth sx={{ mt: 1 }}>
                {translate('app.account.set_password')}
              </Button>
            </Form>
          ) : (
            <Form
              onSubmit={(v: Record<string, unknown>) =>
                void send({ email: v.email }, '/password-reset', 'app.account.link_sent')
              }
            >
              <Typography variant="body2" sx={{ mb: 1 }}>
                {translate('app.account.forgot_help')}
              </Typography>
              <TextInput
                source="email"
                type="email"
                label="app.account.email"
                autoComplete="username"
                validate={required()}
                fullWidth
              />
              <Button type="submit" variant="contained" disabled={busy} fullWidth sx={{ mt: 1 }}>
                {translate('app.account.send_link')}
              </Button>
            </Form>
          )}
          <Link href="#/login" sx={{ display: 'block', mt: 2 }}>
            {translate('app.account.back_to_sign_in')}
          </Link>
        </CardContent>
      </Card>
    </Box>
  );
}
