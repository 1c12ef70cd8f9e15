type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The unit a setting is read and typed in, in the console's language ("%", "Rp", "business days"). */
export function settingUnit(translate: Translate, type: string): string {
  return translate(`resources.settings.units.${type}`, { _: '' });
}

/** Settings are integers in fixed units (MNY-1: no floats); this renders them in human units for people. */
export function formatSetting(type: string, value: unknown, translate?: Translate, locale = 'en'): string {
  const t: Translate = translate ?? ((k, o) => String((o as { _?: string } | undefined)?._ ?? k));
  const numbers = locale === 'id' ? 'id-ID' : 'en-US';
  if (Array.isArray(value)) return `${value.length} ${settingUnit(t, 'date_list')}`.trim();
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(', ');
  if (typeof value !== 'number') return String(value);
  switch (type) {
    case 'basis_points':
      return `${(value / 100).toLocaleString(numbers, { maximumFractionDigits: 2 })} %`;
    case 'money':
      return `Rp ${value.toLocaleString('id-ID')}`;
    case 'flag':
      return t(`resources.settings.flag.${value ? 'on' : 'off'}`, { _: value ? 'on' : 'off' });
    case 'days':
    case 'hours':
    case 'minutes':
    case 'business_days':
      return `${value.toLocaleString(numbers)} ${settingUnit(t, type)}`;
    default:
      return value.toLocaleString(numbers);
  }
}
