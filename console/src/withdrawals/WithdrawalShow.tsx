import {
  FunctionField,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import {
  Alert,
  Card,
  Chip,
  CardContent,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { CaseNotes } from '../decisions/CaseNotes';
import { useEnumLabel, useMemoLabel } from '../common/EnumField';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { allows } from '../common/allowed';
import { Money, formatMoney } from '../ledger/Money';
import { Flags, MethodText } from './Flags';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { LinkField } from '../common/links';
import { QueueBar } from '../common/QueueBar';

interface Detail {
  id: number;
  status: string;
  amount: number;
  flags: string[];
  needsTwoApprovals: boolean;
  fourEyesThreshold: number;
  firstApprovedName: string | null;
  firstApprovedBy: number | null;
  allowedActions: string[];
  balances: Record<string, number>;
  earlier: { id: number; amount: number; status: string; createdAt: string; paidAt: string | null }[];
  entries: {
    id: number;
    kind: string;
    memo: string;
    memoKey?: string | null;
    memoParams?: Record<string, unknown> | null;
    at: string;
  }[];
  // The audit trail with the payout's internal notes in time order (OPS-6: `type: 'note'`, staff only).
  trail: (
    | {
        id: number;
        action: string;
        reason: string | null;
        at: string;
        staffName: string | null;
        type?: never;
      }
    | { type: 'note'; internal: true; noteId: number; authorName: string; body: string; at: string }
  )[];
}

const reason = {
  name: 'reason',
  label: 'resources.withdrawals.fields.reason',
  type: 'text' as const,
  required: true,
};

function Actions() {
  const r = useRecordContext<Detail>();
  const { identity } = useGetIdentity();
  if (!r) return null;
  // WDR-6: the first approver is shown the second approval too, so the server can say why it is not theirs.
  const firstApprover = r.firstApprovedBy !== null && r.firstApprovedBy === identity?.id;
  return (
    <TopToolbar sx={{ gap: 1 }}>
      {(allows(r, 'finance-approve') || firstApprover) && (
        <ActionDialogButton
          resource="withdrawals"
          action="approve"
          color="success"
          fields={[]}
          label={
            r.firstApprovedBy !== null
              ? 'resources.withdrawals.action.second_approval'
              : 'resources.withdrawals.action.approve'
          }
        />
      )}
      <ActionDialogButton
        resource="withdrawals"
        action="mark-paid"
        transition="finance-mark-paid"
        label="resources.withdrawals.action.mark_paid"
        fields={[
          {
            name: 'reference',
            label: 'resources.withdrawals.fields.bankReference',
            type: 'line',
            required: true,
          },
        ]}
      />
      <ActionDialogButton
        resource="withdrawals"
        action="reject"
        transition="finance-reject"
        label="resources.withdrawals.action.reject"
        color="error"
        fields={[{ ...reason, reasonAction: 'payout.refuse' }]}
      />
      <ActionDialogButton
        resource="withdrawals"
        action="mark-failed"
        transition="finance-mark-failed"
        label="resources.withdrawals.action.mark_failed"
        color="warning"
        fields={[{ ...reason, reasonAction: 'payout.fail' }]}
      />
    </TopToolbar>
  );
}

function Why() {
  const r = useRecordContext<Detail>();
  const translate = useTranslate();
  if (!r) return null;
  return (
    <>
      <Flags flags={r.flags} />
      {r.needsTwoApprovals && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {translate(
            r.firstApprovedName
              ? 'resources.withdrawals.four_eyes_waiting'
              : 'resources.withdrawals.four_eyes_needed',
            { threshold: formatMoney(r.fourEyesThreshold), name: r.firstApprovedName ?? '' },
          )}
        </Alert>
      )}
    </>
  );
}

function Context() {
  const formatDate = useFormatDateTime();
  const r = useRecordContext<Detail>();
  const translate = useTranslate();
  const label = useEnumLabel();
  const memo = useMemoLabel();
  // The list's row stands in for the record until the detail arrives.
  if (!r?.balances) return null;
  const when = (s: string | null) => formatDate(s) || '—';
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 4 }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="overline">{translate('resources.withdrawals.balances')}</Typography>
            {Object.entries(r.balances).map(([k, v]) => (
              <Typography key={k} variant="body2">
                {translate(`resources.users.fields.${k}`)}: {formatMoney(v)}
              </Typography>
            ))}
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="overline">{translate('resources.withdrawals.earlier')}</Typography>
            <Table size="small">
              <TableBody>
                {r.earlier.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>#{e.id}</TableCell>
                    <TableCell>{formatMoney(e.amount)}</TableCell>
                    <TableCell>{translate(`resources.withdrawals.status.${e.status}`)}</TableCell>
                    <TableCell>{when(e.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12 }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="overline">{translate('resources.withdrawals.history')}</Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.withdrawals.fields.at')}</TableCell>
                  <TableCell>{translate('resources.withdrawals.fields.what')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {[
                  ...r.entries.map((e) => ({
                    at: e.at,
                    what: label('entry_kind', e.kind),
                    detail: memo(e),
                    note: false,
                  })),
                  ...r.trail.map((a) =>
                    a.type === 'note'
                      ? {
                          at: a.at,
                          what: translate('decisions.notes.entry'),
                          detail: `${a.authorName}: ${a.body}`,
                          note: true,
                        }
                      : {
                          at: a.at,
                          what: label('audit', a.action),
                          detail: [a.staffName, a.reason].filter(Boolean).join(': '),
                          note: false,
                        },
                  ),
                ]
                  .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
                  .map((x, i) => (
                    <TableRow
                      key={i}
                      data-testid={x.note ? 'timeline-note' : undefined}
                      sx={x.note ? { bgcolor: 'action.hover' } : undefined}
                    >
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(x.at)}</TableCell>
                      <TableCell>
                        {x.note ? <Chip size="small" color="secondary" label={x.what} /> : x.what}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{x.detail}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
}

export function WithdrawalShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <QueueBar resource="withdrawals" />
        <FunctionField
          source="status"
          render={(r) => translate(`resources.withdrawals.status.${r.status}`)}
        />
        <Why />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.withdrawals.fields.userName"
        />
        <TextField source="userEmail" />
        <FunctionField
          source="accountStatus"
          render={(r) => translate(`resources.users.status.${r.accountStatus}`, { _: r.accountStatus })}
        />
        <Money source="amount" />
        <FunctionField source="methodFull" render={(r) => <MethodText method={r.methodFull ?? r.method} />} />
        <DateTimeField source="slaDueAt" />
        <TextField source="firstApprovedName" emptyText="—" />
        <TextField source="approvedName" emptyText="—" />
        <TextField source="batchId" emptyText="—" />
        <TextField source="bankReference" emptyText="—" />
        <TextField source="reason" emptyText="—" />
        <Labeled label="resources.withdrawals.context" fullWidth>
          <Context />
        </Labeled>
        <CaseNotes kind="withdrawals" />
      </SimpleShowLayout>
    </Show>
  );
}
