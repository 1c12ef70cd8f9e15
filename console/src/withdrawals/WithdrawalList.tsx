import { useMemo, useState } from 'react';
import {
  BooleanInput,
  FunctionField,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin';
import { Button } from '@mui/material';
import { API_ROOT, csrfHeaders, httpClient } from '../api';
import { Money } from '../ledger/Money';
import { Flags, MethodText } from './Flags';
import { QueueList } from '../common/QueueList';
import { allows } from '../common/allowed';
import { BulkApproveDialog } from './BulkApproveDialog';
import { DateTimeField } from '../common/DateTimeField';
import { UploadResultsButton } from '../payout-batches/PayoutBatchList';
import { LinkField } from '../common/links';

export const WITHDRAWAL_STATUSES = [
  'pending',
  'awaiting_second_approval',
  'approved',
  'exported',
  'paid',
  'rejected',
  'failed',
];
const STATUS = WITHDRAWAL_STATUSES.map((id) => ({ id, name: `resources.withdrawals.status.${id}` }));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <BooleanInput key="open" source="open" alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUS} />,
  <BooleanInput key="overdue" source="overdue" />,
];

/**
 * WDR-6: approve the selected rows; each is decided on its own and the answer says which were refused and
 * why.
 */
function BulkApproveButton() {
  const { selectedIds, data } = useListContext();
  // The rows whose allowedActions offer an approval to this finance user (WDR-6: not their own first one).
  const approvable = (data ?? []).filter((r) => selectedIds.includes(r.id) && allows(r, 'finance-approve'));
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('withdrawals');
  const key = approvable.map((r) => r.id).join(',');
  const ids = useMemo(() => (key ? key.split(',').map(Number) : []), [key]);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // OPS-8: nothing is approved until the confirmation, whose ticked rows are all that is sent.
  const approve = async (ids: number[], confirmFlagged: number[]) => {
    setConfirming(false);
    setBusy(true);
    try {
      const { json } = await httpClient(`${API_ROOT}/withdrawals/bulk-approve`, {
        method: 'POST',
        body: JSON.stringify({ ids, confirmFlagged }),
      });
      const refused = (
        json.results as { id: number; ok: boolean; problem?: { detail?: string; title: string } }[]
      ).filter((r) => !r.ok);
      notify(
        translate('resources.withdrawals.bulk_done', { approved: json.approved, refused: refused.length }) +
          refused.map((r) => ` #${r.id}: ${r.problem?.detail ?? r.problem?.title}`).join(''),
        { type: refused.length ? 'warning' : 'success' },
      );
      unselectAll();
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="contained"
        color="success"
        size="small"
        onClick={() => setConfirming(true)}
        disabled={busy || approvable.length === 0}
      >
        {translate('resources.withdrawals.action.bulk_approve')}
        {approvable.length < selectedIds.length && ` (${approvable.length}/${selectedIds.length})`}
      </Button>
      <BulkApproveDialog
        ids={ids}
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={(chosen, confirmFlagged) => void approve(chosen, confirmFlagged)}
      />
    </>
  );
}

/**
 * WDR-7: the approved payouts as the bank's CSV, downloaded; the server marks them exported in the same step.
 */
export function ExportButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const download = async () => {
    const res = await fetch(`${API_ROOT}/withdrawals/export.csv`, {
      credentials: 'include',
      headers: csrfHeaders(),
    });
    if (!res.ok) {
      const problem = await res.json().catch(() => ({}));
      notify(problem.detail ?? res.statusText, { type: 'warning' });
      return;
    }
    const blob = await res.blob();
    const name =
      /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'payouts.csv';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    notify(translate('resources.withdrawals.exported', { batch: res.headers.get('X-Payout-Batch') }), {
      type: 'success',
    });
    refresh();
  };
  return (
    <Button variant="outlined" size="small" onClick={() => void download()}>
      {translate('resources.withdrawals.action.export')}
    </Button>
  );
}

/** WDR-4: the payout queue, oldest SLA first (overdue on top), with every reason not to pay on the row. */
export function WithdrawalList() {
  const translate = useTranslate();
  return (
    <QueueList
      filters={filters}
      filterDefaultValues={{ open: true }}
      actions={
        <TopToolbar>
          <ExportButton />
          <UploadResultsButton />
        </TopToolbar>
      }
      bulkActionButtons={<BulkApproveButton />}
    >
      <LinkField
        source="userId"
        nameSource="userName"
        reference="users"
        label="resources.withdrawals.fields.userName"
        sortable={false}
      />
      <TextField source="userEmail" sortable={false} />
      <FunctionField
        source="accountStatus"
        sortable={false}
        render={(r) => translate(`resources.users.status.${r.accountStatus}`, { _: r.accountStatus })}
      />
      <Money source="amount" />
      <FunctionField source="method" sortable={false} render={(r) => <MethodText method={r.method} />} />
      <FunctionField source="flags" sortable={false} render={(r) => <Flags flags={r.flags} />} />
      <FunctionField
        source="status"
        render={(r) =>
          translate(`resources.withdrawals.status.${r.status}`) +
          (r.needsTwoApprovals ? ` · ${translate('resources.withdrawals.four_eyes')}` : '')
        }
      />
      <DateTimeField source="createdAt" showTime={false} />
    </QueueList>
  );
}
