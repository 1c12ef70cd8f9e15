import { Chip } from '@mui/material';
import { FunctionField, useTranslate, type FunctionFieldProps } from 'react-admin';
import { formatMoney } from '../ledger/Money';

/** Memo parameters that are amounts in minor units (MNY-1): shown as Rupiah. */
const MONEY_PARAMS = new Set(['share', 'commission', 'toBuyer', 'toSeller', 'amount']);

/**
 * The one way to show an enum to people: `enums.<kind>.<value>` of the catalogues (en.ts / id.ts), e.g.
 * `label('status.refund_requests', 'open')`, or a resource's own list (`resources.users.level`). An unknown
 * value shows as it is, never as a key.
 */
export function useEnumLabel() {
  const translate = useTranslate();
  return (kind: string, value: string | null | undefined): string =>
    value === null || value === undefined || value === ''
      ? '—'
      : translate(`${/^(resources\.|roles$)/.test(kind) ? kind : `enums.${kind}`}.${value}`, {
          _: value.replace(/_/g, ' '),
        });
}

/** A ledger account code (`user:12:available`, `escrow:milestone:3`, `platform:revenue`) in words. */
export function useAccountLabel() {
  const translate = useTranslate();
  const label = useEnumLabel();
  return (code: string): string => {
    const [scope, a, b] = code.split(':');
    if (scope === 'user' && a && b)
      return translate('enums.account_code.user', { kind: label('account', b), id: a, _: code });
    if (scope === 'escrow' && b) return translate('enums.account_code.escrow', { id: b, _: code });
    if (scope === 'platform' && a)
      return translate('enums.account_code.platform', { kind: label('account', a), _: code });
    return code;
  };
}

/** A journal entry's memo in the console's language from its key, or the server's English text. */
export function useMemoLabel() {
  const translate = useTranslate();
  const label = useEnumLabel();
  return (e: { memo?: string; memoKey?: string | null; memoParams?: Record<string, unknown> | null }) => {
    if (!e.memoKey) return e.memo ?? '';
    const params = { ...(e.memoParams ?? {}) } as Record<string, unknown>;
    if (typeof params.source === 'string') params.source = label('source', params.source);
    if (typeof params.role === 'string') params.role = label('actor', params.role).toLowerCase();
    if (typeof params.status === 'string')
      params.status = label('status.withdrawals', params.status).toLowerCase();
    if (typeof params.back === 'string') params.back = label('account', params.back).toLowerCase();
    for (const k of MONEY_PARAMS) if (typeof params[k] === 'number') params[k] = formatMoney(params[k]);
    return translate(`enums.memo.${e.memoKey}`, { ...params, _: e.memo ?? e.memoKey });
  };
}

/** A field showing `source` through `enums.<kind>`; `chip` for a status chip. */
export function EnumField({
  kind,
  chip = false,
  ...props
}: Omit<FunctionFieldProps, 'render'> & { source: string; kind: string; chip?: boolean }) {
  const label = useEnumLabel();
  return (
    <FunctionField
      {...props}
      render={(r: Record<string, unknown>) => {
        const v = props.source
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], r);
        const text = label(kind, typeof v === 'string' ? v : null);
        return chip ? <Chip size="small" label={text} /> : text;
      }}
    />
  );
}
