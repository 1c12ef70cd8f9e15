import {
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Button, Stack, Typography } from '@mui/material';
import { download } from '../common/download';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { LinkField } from '../common/links';

const rupiah = (n: number) => `Rp ${Number(n).toLocaleString('id-ID')}`;

function PdfButtons() {
  const r = useRecordContext<{ id: number; number: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  if (!r) return null;
  return (
    <TopToolbar sx={{ gap: 1 }}>
      {(['id', 'en'] as const).map((lang) => (
        <Button
          key={lang}
          variant="outlined"
          size="small"
          onClick={() =>
            void download(`/invoices/${r.id}.pdf?lang=${lang}`, `${r.number.replace(/\//g, '-')}.pdf`).then(
              (problem) => problem && notify(problem, { type: 'warning' }),
            )
          }
        >
          {translate(`resources.invoices.action.pdf_${lang}`)}
        </Button>
      ))}
    </TopToolbar>
  );
}

export function InvoiceShow() {
  const translate = useTranslate();
  return (
    <Show actions={<PdfButtons />}>
      <SimpleShowLayout>
        <TextField source="number" />
        <FunctionField source="kind" render={(r) => translate(`resources.invoices.kind.${r.kind}`)} />
        <FunctionField source="status" render={(r) => translate(`resources.invoices.status.${r.status}`)} />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.invoices.fields.userName"
        />
        <LinkField
          source="orderId"
          reference="orders"
          label="resources.invoices.fields.orderId"
          emptyText="—"
        />
        <TextField source="description" />
        <FunctionField source="subtotal" render={(r) => rupiah(r.subtotal)} />
        <FunctionField source="taxAmount" render={(r) => `${rupiah(r.taxAmount)} (${r.taxBp / 100}%)`} />
        <FunctionField source="total" render={(r) => rupiah(r.total)} />
        <EnumField source="paymentSource" kind="source" />
        <TextField source="paymentReference" />
        <FunctionField
          source="billing"
          render={(r) => (
            <Stack>
              {[r.billing.company, r.billing.fullName, r.billing.address, r.billing.country, r.billing.taxId]
                .filter(Boolean)
                .map((l: string, i: number) => (
                  <Typography key={i} variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                    {l}
                  </Typography>
                ))}
            </Stack>
          )}
        />
        <TextField source="creditedNumber" emptyText="—" />
        <TextField source="replacesNumber" emptyText="—" />
        <TextField source="cancelledByNumber" emptyText="—" />
        <TextField source="reason" emptyText="—" />
        <DateTimeField source="issuedAt" />
        <FunctionField
          source="creditNotes"
          render={(r) =>
            (r.creditNotes ?? []).length
              ? (r.creditNotes as { id: number; number: string; total: number }[])
                  .map((c) => `${c.number} (${rupiah(c.total)})`)
                  .join(', ')
              : '—'
          }
        />
      </SimpleShowLayout>
    </Show>
  );
}
