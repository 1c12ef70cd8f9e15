import { FunctionField, type FunctionFieldProps } from 'react-admin';

const formatter = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  maximumFractionDigits: 0,
});

/** Rupiah from integer minor units (MNY-1): Rp 100.000. */
export function formatMoney(amount: number): string {
  return formatter.format(amount);
}

export function Money(props: Omit<FunctionFieldProps, 'render'> & { source: string }) {
  return (
    <FunctionField
      textAlign="right"
      {...props}
      render={(r: Record<string, unknown>) => {
        const v = props.source
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], r);
        return typeof v === 'number' ? formatMoney(v) : '—';
      }}
    />
  );
}
