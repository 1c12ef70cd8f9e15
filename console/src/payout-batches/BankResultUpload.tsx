import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Link, Title, useNotify, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { formatMoney } from '../ledger/Money';

interface Row {
  line: number;
  payoutReference: string;
  withdrawalId: number | null;
  outcome: 'paid' | 'failed' | null;
  amount: number | null;
  bankReference: string | null;
  failureReason: string | null;
  withdrawal: { status: string; amount: number; userId: number; userName: string } | null;
  flags: string[];
}
interface Preview {
  rows: Row[];
  summary: {
    rows: number;
    ok: number;
    flagged: number;
    paid: { count: number; total: number };
    failed: { count: number; total: number };
  };
}

/**
 * WDR-4, OPS-8: the bank's result file, previewed row by row (every flag shown) before the clean rows are
 * marked paid or failed, all at once, after a confirmation with the count and total.
 */
export function BankResultUpload() {
  const translate = useTranslate();
  const notify = useNotify();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<{ applied: number; total: number } | null>(null);
  // One key per previewed file: a double click or a retry applies it once (MNY-5).
  const idempotencyKey = useMemo(() => (file ? crypto.randomUUID() : ''), [file]);
  const okRows = preview?.rows.filter((r) => r.flags.length === 0) ?? [];

  const choose = async (f: File | undefined) => {
    if (!f) return;
    const text = await f.text();
    setFile({ name: f.name, text });
    setPreview(null);
    setApplied(null);
    try {
      const { json } = await httpClient(`${API_ROOT}/payout-results/preview`, {
        method: 'POST',
        body: JSON.stringify({ csv: text }),
      });
      setPreview(json as Preview);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const apply = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const { json } = await httpClient(`${API_ROOT}/payout-results/apply`, {
        method: 'POST',
        headers: new Headers({ Accept: 'application/json', 'Idempotency-Key': idempotencyKey }),
        body: JSON.stringify({ csv: file.text, lines: okRows.map((r) => r.line) }),
      });
      setApplied(json as { applied: number; total: number });
      setPreview(null);
      notify(
        translate('resources.payout-batches.applied', { count: (json as { applied: number }).applied }),
        {
          type: 'success',
        },
      );
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('resources.payout-batches.upload_title')} />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h1">
            {translate('resources.payout-batches.upload_title')}
          </Typography>
          <Typography>{translate('resources.payout-batches.upload_help')}</Typography>
          <Typography component="code" sx={{ fontFamily: 'monospace' }}>
            payout_reference, outcome, amount_idr, bank_reference, failure_reason
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button variant="contained" component="label" startIcon={<UploadFileIcon />}>
              {translate('resources.payout-batches.choose_file')}
              <input
                type="file"
                hidden
                accept=".csv,text/csv"
                data-testid="bank-file"
                onChange={(e) => void choose(e.target.files?.[0])}
              />
            </Button>
            {file && <Typography>{file.name}</Typography>}
          </Stack>
          {applied && (
            <Alert severity="success" data-testid="bank-results-applied">
              {translate('resources.payout-batches.applied_total', {
                count: applied.applied,
                total: formatMoney(applied.total),
              })}{' '}
              <Link to="/withdrawals">{translate('resources.payout-batches.back_to_payouts')}</Link>
            </Alert>
          )}
          {preview && (
            <>
              <Alert
                severity={preview.summary.flagged ? 'warning' : 'info'}
                data-testid="bank-results-summary"
              >
                {translate('resources.payout-batches.summary', {
                  rows: preview.summary.rows,
                  ok: preview.summary.ok,
                  flagged: preview.summary.flagged,
                  paid: preview.summary.paid.count,
                  paidTotal: formatMoney(preview.summary.paid.total),
                  failed: preview.summary.failed.count,
                  failedTotal: formatMoney(preview.summary.failed.total),
                })}
              </Alert>
              <Table size="small" aria-label={translate('resources.payout-batches.preview')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('resources.payout-batches.line')}</TableCell>
                    <TableCell>{translate('resources.payout-batches.reference')}</TableCell>
                    <TableCell>{translate('resources.payout-batches.seller')}</TableCell>
                    <TableCell>{translate('resources.payout-batches.outcome')}</TableCell>
                    <TableCell align="right">{translate('resources.payout-batches.amount')}</TableCell>
                    <TableCell>{translate('resources.payout-batches.detail')}</TableCell>
                    <TableCell>{translate('resources.payout-batches.our_status')}</TableCell>
                    <TableCell>{translate('resources.payout-batches.check')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.rows.map((r) => (
                    <TableRow key={r.line} data-testid={`bank-row-${r.line}`}>
                      <TableCell>{r.line}</TableCell>
                      <TableCell>
                        {r.withdrawalId ? (
                          <Link to={`/withdrawals/${r.withdrawalId}/show`}>{r.payoutReference}</Link>
                        ) : (
                          r.payoutReference
                        )}
                      </TableCell>
                      <TableCell>{r.withdrawal?.userName ?? '—'}</TableCell>
                      <TableCell>
                        {r.outcome ? translate(`resources.payout-batches.outcomes.${r.outcome}`) : '—'}
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {r.amount === null ? '—' : formatMoney(r.amount)}
                        {r.withdrawal && r.amount !== r.withdrawal.amount && (
                          <Typography variant="caption" sx={{ display: 'block', color: 'error.dark' }}>
                            {translate('resources.payout-batches.ours', {
                              amount: formatMoney(r.withdrawal.amount),
                            })}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>{r.outcome === 'failed' ? r.failureReason : r.bankReference}</TableCell>
                      <TableCell>
                        {r.withdrawal
                          ? translate(`resources.withdrawals.status.${r.withdrawal.status}`)
                          : '—'}
                      </TableCell>
                      <TableCell>
                        {r.flags.length === 0 ? (
                          <Chip
                            size="small"
                            color="success"
                            label={translate('resources.payout-batches.ok')}
                          />
                        ) : (
                          <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                            {r.flags.map((f) => (
                              <Chip
                                key={f}
                                size="small"
                                color="error"
                                label={translate(`resources.payout-batches.flags.${f}`)}
                              />
                            ))}
                          </Stack>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Stack direction="row" spacing={2}>
                <Button
                  variant="contained"
                  color="success"
                  disabled={okRows.length === 0 || busy}
                  onClick={() => setConfirming(true)}
                >
                  {translate('resources.payout-batches.apply', { count: okRows.length })}
                </Button>
              </Stack>
            </>
          )}
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="bank-confirm-title">
        <DialogTitle id="bank-confirm-title">
          {translate('resources.payout-batches.confirm_title')}
        </DialogTitle>
        <DialogContent>
          {preview && (
            <Typography>
              {translate('resources.payout-batches.confirm_body', {
                paid: preview.summary.paid.count,
                paidTotal: formatMoney(preview.summary.paid.total),
                failed: preview.summary.failed.count,
                failedTotal: formatMoney(preview.summary.failed.total),
                flagged: preview.summary.flagged,
              })}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" color="success" disabled={busy} onClick={() => void apply()}>
            {translate('resources.payout-batches.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
