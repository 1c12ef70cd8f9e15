import { Chip, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';

const SEVERE = new Set(['blocked', 'suspended', 'under_dispute']);

/** Why a payout should not go (WDR-4), one chip each; red for the account states that stop a payout. */
export function Flags({ flags }: { flags: string[] }) {
  const translate = useTranslate();
  if (!flags.length)
    return (
      <Chip
        size="small"
        color="success"
        variant="outlined"
        label={translate('resources.withdrawals.flag.none')}
      />
    );
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }} useFlexGap data-testid="payout-flags">
      {flags.map((f) => (
        <Chip
          key={f}
          size="small"
          color={SEVERE.has(f) ? 'error' : 'warning'}
          label={translate(`resources.withdrawals.flag.${f}`)}
        />
      ))}
    </Stack>
  );
}

export function MethodText({
  method,
}: {
  method: {
    type: string;
    bank?: string;
    accountNumber?: string;
    holderName?: string;
    provider?: string;
    accountId?: string;
  };
}) {
  return (
    <span>
      {method.type === 'bank_transfer'
        ? `${method.bank} ${method.accountNumber} · ${method.holderName}`
        : `${method.provider} ${method.accountId}`}
    </span>
  );
}
