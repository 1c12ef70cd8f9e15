import { useEffect, useState } from 'react';
import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { formatMoney } from '../ledger/Money';

interface Award {
  recipient: 'buyer' | 'seller';
  recipientName: string;
  buyerName: string;
  sellerName: string;
  toBuyer: number;
  toSellerAfterCommission: number;
  commission: number;
  feesReturned: { role: 'buyer' | 'seller'; amount: number }[];
}

/**
 * OPS-8, DSP-4, DSP-8: what approving the waiting award pays and to whom, computed by the server's approval.
 */
export function AwardPreview({ id }: { id: number }) {
  const translate = useTranslate();
  const [a, setA] = useState<Award | null>(null);
  useEffect(() => {
    httpClient(`${API_ROOT}/disputes/${id}/award-preview`).then(
      ({ json }) => setA(json as Award),
      () => setA(null),
    );
  }, [id]);
  if (!a) return null;
  return (
    <Alert severity="warning" data-testid="award-preview">
      {translate('decisions.award.preview', {
        toBuyer: formatMoney(a.toBuyer),
        buyer: a.buyerName,
        toSeller: formatMoney(a.toSellerAfterCommission),
        seller: a.sellerName,
        commission: formatMoney(a.commission),
        recipient: `${a.recipientName} (${translate(`resources.refund-requests.${a.recipient}`)})`,
      })}
      {a.feesReturned.map((f) => (
        <div key={f.role}>
          {translate('decisions.award.fee_returned', {
            role: translate(`resources.refund-requests.${f.role}`),
            amount: formatMoney(f.amount),
          })}
        </div>
      ))}
    </Alert>
  );
}
