import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { formatMoney } from '../ledger/Money';
import { Flags } from './Flags';

interface Row {
  id: number;
  userName: string;
  amount: number;
  flags: string[];
  approvable: boolean;
}
interface BulkPreview {
  count: number;
  total: number;
  flaggedCount: number;
  rows: Row[];
}

/**
 * OPS-8: before "Approve selected" runs, the server's preview of the selection: the count, the total and
 * every
 * flagged row (suspended, warned lately, under dispute, new payout method…). Flagged rows start unticked and
 * are approved only when ticked again here; the button says how many and how much will go.
 */
export function BulkApproveDialog({
  ids,
  open,
  onClose,
  onConfirm,
}: {
  ids: number[];
  open: boolean;
  onClose: () => void;
  /**
   * The ticked ids, and among them the flagged ones ticked again (the server skips any other flagged
   * row).
   */
  onConfirm: (ids: number[], confirmFlagged: number[]) => void;
}) {
  const translate = useTranslate();
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  useEffect(() => {
    if (!open) return;
    setPreview(null);
    setProblem(null);
    httpClient(`${API_ROOT}/withdrawals/bulk-approve/preview`, {
      method: 'POST',
      body: JSON.stringify({ ids }),
    }).then(
      ({ json }) => {
        const p = json as BulkPreview;
        setPreview(p);
        setTicked(new Set(p.rows.filter((r) => r.approvable && r.flags.length === 0).map((r) => r.id)));
      },
      (e: Error) => setProblem(e.message),
    );
  }, [open, ids]);
  const chosen = preview?.rows.filter((r) => r.approvable && ticked.has(r.id)) ?? [];
  const chosenTotal = formatMoney(chosen.reduce((t, r) => t + r.amount, 0));
  const toggle = (id: number) =>
    setTicked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="bulk-approve-title">
      <DialogTitle id="bulk-approve-title">
        {translate('decisions.bulk.title', { count: preview?.count ?? ids.length })}
      </DialogTitle>
      <DialogContent>
        {problem && <Alert severity="error">{problem}</Alert>}
        {!preview && !problem && <Alert severity="info">{translate('decisions.bulk.loading')}</Alert>}
        {preview && (
          <>
            <Alert severity="info" sx={{ mb: 1 }} data-testid="bulk-summary">
              {translate('decisions.bulk.summary', {
                count: preview.count,
                total: formatMoney(preview.total),
              })}
            </Alert>
            <Alert
              severity={preview.flaggedCount ? 'warning' : 'success'}
              sx={{ mb: 1 }}
              data-testid="bulk-flagged-summary"
            >
              {translate(
                preview.flaggedCount ? 'decisions.bulk.flagged_hint' : 'decisions.bulk.none_flagged',
                {
                  flagged: preview.flaggedCount,
                  ticked: chosen.length,
                  total: chosenTotal,
                },
              )}
            </Alert>
            <Table size="small" data-testid="bulk-rows">
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">{translate('decisions.bulk.include')}</TableCell>
                  <TableCell>#</TableCell>
                  <TableCell>{translate('decisions.bulk.seller')}</TableCell>
                  <TableCell align="right">{translate('decisions.bulk.amount')}</TableCell>
                  <TableCell>{translate('decisions.bulk.flags')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.rows.map((r) => (
                  <TableRow key={r.id} data-testid={`bulk-row-${r.id}`} data-flagged={r.flags.length > 0}>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={r.approvable && ticked.has(r.id)}
                        disabled={!r.approvable}
                        onChange={() => toggle(r.id)}
                        slotProps={{
                          input: {
                            'aria-label': `${translate('decisions.bulk.include')} #${r.id} ${r.userName}`,
                          },
                        }}
                      />
                    </TableCell>
                    <TableCell>{r.id}</TableCell>
                    <TableCell>{r.userName}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {formatMoney(r.amount)}
                    </TableCell>
                    <TableCell>
                      {r.approvable ? <Flags flags={r.flags} /> : translate('decisions.bulk.not_approvable')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          color="success"
          disabled={!chosen.length}
          onClick={() =>
            onConfirm(
              chosen.map((r) => r.id),
              chosen.filter((r) => r.flags.length > 0).map((r) => r.id),
            )
          }
        >
          {translate('decisions.bulk.confirm', { count: chosen.length, total: chosenTotal })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
