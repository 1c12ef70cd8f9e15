import { useEffect, useState } from 'react';
import { Alert, Button, Card, CardContent, Typography } from '@mui/material';
import { useGetList, useNotify, usePermissions, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { formatMoney } from '../ledger/Money';
import { useFormatDateTime } from '../common/DateTimeField';

interface Run {
  id: number;
  ranAt: string;
  ok: boolean;
  entries: number;
  withdrawingBalance: number;
  withdrawalsOpen: number;
  heldBalance: number;
  problems: string[];
}

interface ProviderRun {
  provider: string;
  ranAt: string | null;
  checked: number;
  differences: {
    reference: string;
    providerOrderId: string;
    ours: string;
    provider: string;
    problem: string;
  }[];
}

/**
 * MNY-4 and WDR-4 on the dashboard: the latest reconciliation run (run it now if needed) and the payout
 * queue's counts.
 */
export function FinanceCard() {
  const formatDate = useFormatDateTime();
  const translate = useTranslate();
  const notify = useNotify();
  const { permissions } = usePermissions();
  const finance = permissions === 'finance' || permissions === 'admin';
  const page = { pagination: { page: 1, perPage: 1 } };
  const open = useGetList('withdrawals', { ...page, filter: { open: true } }, { enabled: finance });
  const late = useGetList(
    'withdrawals',
    { ...page, filter: { open: true, overdue: true } },
    { enabled: finance },
  );
  const [run, setRun] = useState<Run | null | undefined>(undefined);
  const [provider, setProvider] = useState<ProviderRun | null>(null);
  const load = () =>
    httpClient(`${API_ROOT}/ledger/reconciliations?range=${encodeURIComponent('[0,0]')}`).then(
      ({ json }) => setRun((json as Run[])[0] ?? null),
      () => setRun(null),
    );
  useEffect(() => {
    void load();
    if (finance)
      httpClient(`${API_ROOT}/payments/reconciliation`).then(
        ({ json }) => setProvider(json as ProviderRun),
        () => setProvider(null),
      );
  }, [finance]);
  const runNow = async () => {
    try {
      const { json } = await httpClient(`${API_ROOT}/ledger/reconcile`, { method: 'POST' });
      setRun(json as Run);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{translate('app.dashboard.reconciliation')}</Typography>
        {run === null && (
          <Typography color="text.secondary">{translate('app.dashboard.reconciliation_none')}</Typography>
        )}
        {run && (
          <Alert severity={run.ok ? 'success' : 'error'} data-testid="reconciliation-state" sx={{ my: 1 }}>
            {translate(run.ok ? 'app.dashboard.reconciliation_ok' : 'app.dashboard.reconciliation_broken', {
              at: formatDate(run.ranAt),
              entries: run.entries,
            })}
            {run.problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </Alert>
        )}
        {run && (
          <Typography variant="body2">
            {translate('app.dashboard.reconciliation_figures', {
              withdrawing: formatMoney(run.withdrawingBalance),
              open: formatMoney(run.withdrawalsOpen),
              held: formatMoney(run.heldBalance),
            })}
          </Typography>
        )}
        {finance && (
          <Button size="small" onClick={() => void runNow()} sx={{ mt: 1 }}>
            {translate('app.dashboard.reconcile_now')}
          </Button>
        )}
        {provider?.ranAt && (
          <Alert
            severity={provider.differences.length ? 'warning' : 'success'}
            data-testid="provider-reconciliation"
            sx={{ my: 1 }}
          >
            {translate('app.dashboard.provider_reconciliation', {
              provider: provider.provider,
              at: formatDate(provider.ranAt),
              checked: provider.checked,
              differences: provider.differences.length,
            })}
            {provider.differences.map((d) => (
              <div key={d.providerOrderId}>
                {d.reference} ({d.providerOrderId}): {d.problem}: {d.ours} / {d.provider}
              </div>
            ))}
          </Alert>
        )}
        {finance && (
          <Typography sx={{ mt: 1 }} color={late.total ? 'error' : undefined} data-testid="payouts-open">
            {translate('app.dashboard.payouts_open', { open: open.total ?? '…', overdue: late.total ?? '…' })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
