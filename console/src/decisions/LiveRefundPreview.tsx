import { useEffect, useState } from 'react';
import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { formatMoney } from '../ledger/Money';

interface Preview {
  amount: number;
  paymentFee: number;
  marketplaceFee: number;
  net: number;
  destination: string;
  from: string;
}

/**
 * OPS-8, REF-5: "approve in part" recomputes what the refund would post as the amount is typed, by the
 * server's
 * own decision function (GET …/preview?amount=), never by arithmetic in the browser.
 */
export function LiveRefundPreview({ id, amount }: { id: number; amount?: string }) {
  const translate = useTranslate();
  const [p, setP] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const digits = (amount ?? '').replace(/\D/g, '');
  useEffect(() => {
    setProblem(null);
    if (!digits || Number(digits) <= 0) return setP(null);
    // Wait for a pause in typing, so each keystroke does not ask the server.
    const timer = setTimeout(() => {
      httpClient(`${API_ROOT}/refund-requests/${id}/preview?amount=${Number(digits)}`).then(
        ({ json }) => setP(json as Preview),
        (e: Error) => {
          setP(null);
          setProblem(e.message);
        },
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [id, digits]);
  if (problem) return <Alert severity="error">{problem}</Alert>;
  if (!p) return <Alert severity="info">{translate('decisions.refund.amount_first')}</Alert>;
  return (
    <Alert severity="info" data-testid="partial-refund-preview">
      {translate('resources.refund-requests.preview', {
        amount: formatMoney(p.amount),
        from: p.from,
        destination: p.destination,
        paymentFee: formatMoney(p.paymentFee),
        marketplaceFee: formatMoney(p.marketplaceFee),
        net: formatMoney(p.net),
      })}
    </Alert>
  );
}
