import type { ReactNode } from 'react';
import {
  Datagrid,
  Pagination,
  ReferenceManyField,
  TextField,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from './DateTimeField';
import { EnumField } from './EnumField';
import { Box, Typography } from '@mui/material';
import { Money } from '../ledger/Money';
import { resourcesFor } from '../roles';
import { IdLink, LinkField } from './links';

const f = (name: string) => `app.cases.fields.${name}`;

/** Each kind of case as a table of links: its id, its order and its parties (issue 16, item 1). */
const COLUMNS: Record<string, ReactNode[]> = {
  disputes: [
    <IdLink key="id" resource="disputes" label={f('id')} />,
    <LinkField key="o" source="orderId" nameSource="orderTitle" reference="orders" label={f('order')} />,
    <LinkField key="b" source="buyerId" nameSource="buyerName" reference="users" label={f('buyer')} />,
    <LinkField key="s" source="sellerId" nameSource="sellerName" reference="users" label={f('seller')} />,
    <EnumField key="st" source="stage" kind="status.disputes" label={f('status')} />,
    <Money key="a" source="escrowAmount" label={f('amount')} />,
    <DateTimeField key="c" source="createdAt" label={f('created')} showTime={false} />,
  ],
  'refund-requests': [
    <IdLink key="id" resource="refund-requests" label={f('id')} />,
    <LinkField key="o" source="orderId" nameSource="orderTitle" reference="orders" label={f('order')} />,
    <LinkField key="b" source="buyerId" nameSource="buyerName" reference="users" label={f('buyer')} />,
    <LinkField key="s" source="sellerId" nameSource="sellerName" reference="users" label={f('seller')} />,
    <EnumField key="st" source="status" kind="status.refund_requests" label={f('status')} />,
    <Money key="a" source="amount" label={f('amount')} />,
    <DateTimeField key="c" source="createdAt" label={f('created')} showTime={false} />,
  ],
  escalations: [
    <IdLink key="id" resource="escalations" label={f('id')} />,
    <LinkField key="o" source="orderId" nameSource="orderTitle" reference="orders" label={f('order')} />,
    <LinkField key="b" source="buyerId" nameSource="buyerName" reference="users" label={f('buyer')} />,
    <LinkField key="s" source="sellerId" nameSource="sellerName" reference="users" label={f('seller')} />,
    <EnumField key="st" source="status" kind="status.escalations" label={f('status')} />,
    <DateTimeField key="c" source="createdAt" label={f('created')} showTime={false} />,
  ],
  withdrawals: [
    <IdLink key="id" resource="withdrawals" label={f('id')} />,
    <LinkField key="u" source="userId" nameSource="userName" reference="users" label={f('user')} />,
    <EnumField key="st" source="status" kind="status.withdrawals" label={f('status')} />,
    <Money key="a" source="amount" label={f('amount')} />,
    <DateTimeField key="c" source="createdAt" label={f('created')} showTime={false} />,
  ],
  reports: [
    <IdLink key="id" resource="reports" label={f('id')} />,
    <LinkField
      key="r"
      source="reporterId"
      nameSource="reporterName"
      reference="users"
      label={f('reporter')}
    />,
    <LinkField
      key="s"
      source="subjectUserId"
      nameSource="subjectUserName"
      reference="users"
      label={f('subject')}
    />,
    <TextField key="re" source="reason" label={f('reason')} />,
    <EnumField key="st" source="status" kind="status.reports" label={f('status')} />,
    <DateTimeField key="c" source="createdAt" label={f('created')} showTime={false} />,
  ],
  'identity-checks': [
    <IdLink key="id" resource="identity-checks" label={f('id')} />,
    <LinkField key="u" source="userId" nameSource="userName" reference="users" label={f('user')} />,
    <EnumField key="st" source="status" kind="status.identity_checks" label={f('status')} />,
    <DateTimeField key="c" source="submittedAt" label={f('created')} showTime={false} />,
  ],
  'seller-applications': [
    <IdLink key="id" resource="seller-applications" label={f('id')} />,
    <LinkField key="u" source="userId" nameSource="userName" reference="users" label={f('user')} />,
    <EnumField key="st" source="status" kind="status.seller_applications" label={f('status')} />,
    <DateTimeField key="c" source="submittedAt" label={f('created')} showTime={false} />,
  ],
  tickets: [
    <IdLink key="id" resource="tickets" label={f('id')} />,
    <TextField key="sj" source="subject" label={f('subject_text')} />,
    <LinkField key="u" source="requesterId" nameSource="requesterName" reference="users" label={f('user')} />,
    <LinkField key="o" source="orderId" reference="orders" label={f('order')} />,
    <EnumField key="st" source="status" kind="status.tickets" label={f('status')} />,
    <DateTimeField key="c" source="createdAt" label={f('created')} showTime={false} />,
  ],
};

export const USER_CASES = [
  'disputes',
  'refund-requests',
  'escalations',
  'withdrawals',
  'reports',
  'identity-checks',
  'seller-applications',
  'tickets',
] as const;
export const ORDER_CASES = ['refund-requests', 'escalations', 'disputes', 'reports', 'tickets'] as const;

function Empty() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
      {translate('app.cases.none')}
    </Typography>
  );
}

/**
 * The cases of the record in view, one table per kind the staff member's role may open: a user's
 * (`target="userId"`: as buyer, seller, reporter or reported) or an order's (`target="orderId"`).
 */
export function CaseLists({ target, kinds }: { target: 'userId' | 'orderId'; kinds: readonly string[] }) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const allowed = resourcesFor(permissions);
  return (
    <Box data-testid={`cases-by-${target}`}>
      {kinds
        .filter((kind) => allowed.includes(kind))
        .map((kind) => (
          <Box key={kind} component="section" sx={{ mb: 2 }} data-testid={`cases-${kind}`}>
            <Typography variant="h6" component="h2">
              {translate(`app.cases.sections.${kind}`)}
            </Typography>
            <ReferenceManyField
              reference={kind}
              target={target}
              source="id"
              perPage={10}
              sort={{ field: 'id', order: 'DESC' }}
              pagination={<Pagination rowsPerPageOptions={[10]} />}
            >
              <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />}>
                {COLUMNS[kind]}
              </Datagrid>
            </ReferenceManyField>
          </Box>
        ))}
    </Box>
  );
}
