import { useState } from 'react';
import { Alert, Button, Card, CardContent, Typography } from '@mui/material';
import { Form, PasswordInput, required, useNotify, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';

const sameAsNew = (value: string, values: Record<string, unknown>) =>
  value === values.newPassword ? undefined : 'app.account.mismatch';

/** Issue #18: a staff member changes their own password with the current one; their other sessions end. */
export function PasswordCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    try {
      await httpClient(`${API_ROOT}/me/password`, {
        method: 'POST',
        body: JSON.stringify({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
      });
      setChanged(true);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('app.account.change_title')}
        </Typography>
        {changed ? (
          <Alert severity="success" role="status" sx={{ mt: 1 }}>
            {translate('app.account.changed')}
          </Alert>
        ) : (
          <Form onSubmit={(v: Record<string, unknown>) => void submit(v)}>
            <PasswordInput
              source="currentPassword"
              label="app.account.current_password"
              autoComplete="current-password"
              validate={required()}
            />
            <PasswordInput
              source="newPassword"
              label="app.account.new_password"
              autoComplete="new-password"
              helperText="app.account.password_rule"
              validate={required()}
            />
            <PasswordInput
              source="again"
              label="app.account.again"
              autoComplete="new-password"
              validate={[required(), sameAsNew]}
            />
            <Typography variant="body2" color="text.secondary">
              {translate('app.account.others_end')}
            </Typography>
            <Button type="submit" variant="contained" disabled={busy} sx={{ mt: 1 }}>
              {translate('app.account.change')}
            </Button>
          </Form>
        )}
      </CardContent>
    </Card>
  );
}
