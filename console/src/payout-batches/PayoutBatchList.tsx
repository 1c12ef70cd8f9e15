import { Button } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Datagrid,
  FunctionField,
  Link,
  List,
  NumberField,
  TextField,
  TopToolbar,
  useNotify,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { Link as RouterLink } from 'react-router-dom';
import { API_ROOT, csrfHeaders } from '../api';
import { Money } from '../ledger/Money';
import { listLink } from '../dashboard/QueueCountsCard';

/** WDR-7: an exported batch's file again, exactly as the bank got it (the server changes nothing). */
function RedownloadButton({ id }: { id: number }) {
  const translate = useTranslate();
  const notify = useNotify();
  const download = async () => {
    const res = await fetch(`${API_ROOT}/withdrawals/export.csv?batch=${id}`, {
      credentials: 'include',
      headers: csrfHeaders(),
    });
    if (!res.ok) {
      const problem = (await res.json().catch(() => ({}))) as { detail?: string };
      notify(problem.detail ?? res.statusText, { type: 'warning' });
      return;
    }
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await res.blob());
    a.download = `pasar-payouts-batch-${id}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      onClick={(e) => {
        e.stopPropagation();
        void download();
      }}
      aria-label={translate('resources.payout-batches.download_batch', { id })}
    >
      {translate('resources.payout-batches.download')}
    </Button>
  );
}

export function UploadResultsButton() {
  const translate = useTranslate();
  return (
    <Button
      component={RouterLink}
      to="/payout-results"
      size="small"
      variant="outlined"
      startIcon={<UploadFileIcon />}
    >
      {translate('resources.payout-batches.upload_results')}
    </Button>
  );
}

/** WDR-7: every batch exported for the bank, newest first, with its payouts and its file. */
export function PayoutBatchList() {
  const translate = useTranslate();
  return (
    <List
      sort={{ field: 'id', order: 'DESC' }}
      actions={
        <TopToolbar>
          <UploadResultsButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick={false} bulkActionButtons={false}>
        <TextField source="id" />
        <DateTimeField source="createdAt" />
        <TextField source="createdByName" sortable={false} />
        <NumberField source="count" sortable={false} />
        <Money source="total" sortable={false} />
        <FunctionField
          label={translate('resources.payout-batches.payouts')}
          render={(r: { id: number; count: number }) => (
            <Link to={listLink('withdrawals', { batchId: r.id })}>
              {translate('resources.payout-batches.open_payouts', { count: r.count })}
            </Link>
          )}
        />
        <FunctionField label="" render={(r: { id: number }) => <RedownloadButton id={r.id} />} />
      </Datagrid>
    </List>
  );
}
