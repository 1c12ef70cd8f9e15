import { FunctionField, useLocaleState, type FunctionFieldProps } from 'react-admin';
import { formatDateTime, type DateStyle } from './dateTime';

/** The console language's formatter in the marketplace zone, for dates outside a field. */
export function useFormatDateTime() {
  const [locale] = useLocaleState();
  return (value: string | number | Date | null | undefined, style: DateStyle = 'datetime') =>
    formatDateTime(value, locale, style);
}

function valueAt(record: Record<string, unknown>, source: string): unknown {
  return source.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], record);
}

/**
 * The one date field of the console: the marketplace time zone with its label, the console's language.
 * `showTime={false}` for a day only, `showSeconds` where seconds matter (audit, security).
 */
export function DateTimeField({
  showTime = true,
  showSeconds = false,
  ...props
}: Omit<FunctionFieldProps, 'render'> & { source: string; showTime?: boolean; showSeconds?: boolean }) {
  const format = useFormatDateTime();
  const style: DateStyle = !showTime ? 'date' : showSeconds ? 'seconds' : 'datetime';
  return (
    <FunctionField
      {...props}
      render={(r: Record<string, unknown>) => {
        const v = valueAt(r, props.source);
        return typeof v === 'string' || typeof v === 'number' ? format(v, style) || '—' : '—';
      }}
    />
  );
}
