/** Settings are integers in fixed units (MNY-1: no floats); this renders them for people. */
export function formatSetting(type: string, value: unknown): string {
  if (Array.isArray(value)) return `${value.length} dates`;
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(', ');
  if (typeof value !== 'number') return String(value);
  switch (type) {
    case 'basis_points':
      return `${(value / 100).toLocaleString()}%`;
    case 'money':
      return `Rp ${value.toLocaleString('id-ID')}`;
    case 'days':
      return `${value} days`;
    case 'hours':
      return `${value} hours`;
    case 'minutes':
      return `${value} minutes`;
    case 'flag':
      return value ? 'on' : 'off';
    case 'business_days':
      return `${value} business days`;
    default:
      return String(value);
  }
}
