import { useState } from 'react';
import { Button, CardContent, CircularProgress, Link, Typography } from '@mui/material';
import {
  Form,
  Login,
  PasswordInput,
  required,
  TextInput,
  useLogin,
  useNotify,
  useTranslate,
} from 'react-admin';
import { SECOND_FACTOR_REQUIRED } from '../authProvider';

/**
 * The console's sign-in: email and password, then, for staff with a second factor (OPS-7), the code of
 * their authenticator app or a recovery code.
 */
function TwoStepLoginForm() {
  const login = useLogin();
  const notify = useNotify();
  const translate = useTranslate();
  const [loading, setLoading] = useState(false);
  const [codeStep, setCodeStep] = useState(false);
  const submit = (values: Record<string, unknown>) => {
    setLoading(true);
    login(codeStep ? values : { ...values, code: undefined })
      .then(() => setLoading(false))
      .catch((error: unknown) => {
        setLoading(false);
        const message = error instanceof Error ? error.message : String(error);
        if (message === SECOND_FACTOR_REQUIRED) {
          setCodeStep(true);
          return;
        }
        notify(message || 'ra.auth.sign_in_error', { type: 'error', messageArgs: { _: message } });
      });
  };
  return (
    <Form onSubmit={submit} mode="onChange" noValidate>
      <CardContent sx={{ width: 300, pb: 2 }}>
        <TextInput
          autoFocus
          source="username"
          label={translate('ra.auth.username')}
          autoComplete="username"
          validate={required()}
          disabled={codeStep}
        />
        <PasswordInput
          source="password"
          label={translate('ra.auth.password')}
          autoComplete="current-password"
          validate={required()}
          disabled={codeStep}
        />
        {codeStep && (
          <>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('app.security.code_help')}
            </Typography>
            <TextInput
              autoFocus
              source="code"
              label={translate('app.security.code')}
              autoComplete="one-time-code"
              validate={required()}
            />
          </>
        )}
        <Button variant="contained" type="submit" color="primary" disabled={loading} fullWidth sx={{ mt: 2 }}>
          {loading ? <CircularProgress size={19} thickness={3} /> : translate('ra.auth.sign_in')}
        </Button>
        {!codeStep && (
          <Link href="#/reset-password" variant="body2" sx={{ display: 'block', mt: 2, textAlign: 'center' }}>
            {translate('app.account.forgot')}
          </Link>
        )}
      </CardContent>
    </Form>
  );
}

export function LoginPage() {
  return (
    <Login>
      <TwoStepLoginForm />
    </Login>
  );
}
