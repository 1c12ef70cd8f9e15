import { useEffect, useState } from 'react';
import { Alert, Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { httpClient, API_ROOT } from '../api';
import { formatMoney } from '../ledger/Money';
import { useAccountLabel, useEnumLabel } from '../common/EnumField';

interface TrialBalance {
  ok: boolean;
  sum: number;
  entries: number;
  negativeAccounts: { code: string; balance: number }[];
  driftingAccounts: { code: string }[];
  byKind: { kind: string; balance: number }[];
}

/** MNY-4 on the dashboard: green when postings sum to zero and no account is negative, red otherwise. */
export function TrialBalanceCard() {
  const translate = useTranslate();
  const label = useEnumLabel();
  const accountLabel = useAccountLabel();
  const [tb, setTb] = useState<TrialBalance | null>(null);
  useEffect(() => {
    httpClient(`${API_ROOT}/ledger/trial-balance`).then(
      ({ json }) => setTb(json as TrialBalance),
      () => setTb(null),
    );
  }, []);
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{translate('app.dashboard.trial_balance')}</Typography>
        {tb && (
          <>
            <Alert severity={tb.ok ? 'success' : 'error'} data-testid="trial-balance-state" sx={{ my: 1 }}>
              {tb.ok
                ? translate('app.dashboard.ledger_ok', { entries: tb.entries })
                : translate('app.dashboard.ledger_broken', { sum: tb.sum })}
            </Alert>
            {tb.negativeAccounts.map((a) => (
              <Typography key={a.code} color="error">
                {accountLabel(a.code)}: {formatMoney(a.balance)}
              </Typography>
            ))}
            {tb.byKind.map((k) => (
              <Typography key={k.kind} variant="body2">
                {label('account', k.kind)}: {formatMoney(k.balance)}
              </Typography>
            ))}
          </>
        )}
      </CardContent>
    </Card>
  );
}
