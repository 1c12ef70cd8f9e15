import {
  BooleanInput,
  Edit,
  NumberInput,
  required,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  useLocale,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, Card, CardContent, InputAdornment, Typography } from '@mui/material';
import { formatSetting, settingUnit } from './format';

function ValueInput() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (record?.type === 'date_list') {
    return (
      <TextInput
        source="value"
        multiline
        minRows={6}
        helperText={translate('resources.settings.help.date_list')}
        format={(v: string[] | undefined) => (v ?? []).join('\n')}
        parse={(text: string) =>
          text
            .split(/[\s,]+/)
            .map((d) => d.trim())
            .filter(Boolean)
        }
      />
    );
  }
  if (record?.type === 'topic_map') {
    // One `topic: value` line per support ticket topic (SUP-1 queues, SUP-3 business days).
    return (
      <TextInput
        source="value"
        multiline
        minRows={11}
        helperText={translate('resources.settings.help.topic_map')}
        format={(v: Record<string, unknown> | undefined) =>
          Object.entries(v ?? {})
            .map(([k, x]) => `${k}: ${String(x)}`)
            .join('\n')
        }
        parse={(text: string) =>
          Object.fromEntries(
            text
              .split('\n')
              .map((line) => line.split(':').map((p) => p.trim()))
              .filter((p) => p.length === 2 && p[0])
              .map(([k, x]) => [k, /^\d+$/.test(x!) ? Number(x) : x]),
          )
        }
      />
    );
  }
  const unit = settingUnit(translate, record?.type ?? '');
  const adornment = (text: string, position: 'start' | 'end') => ({
    InputProps: { [`${position}Adornment`]: <InputAdornment position={position}>{text}</InputAdornment> },
  });
  const label = 'resources.settings.summary.new_value';
  if (record?.type === 'flag')
    return (
      <BooleanInput
        source="value"
        label={label}
        format={(v: number | undefined) => v === 1}
        parse={(on: boolean) => (on ? 1 : 0)}
      />
    );
  if (record?.type === 'basis_points')
    // Typed in percent (20 %), stored in basis points (2000) as the API takes it.
    return (
      <NumberInput
        source="value"
        label={label}
        step={0.01}
        min={0}
        max={100}
        validate={required()}
        format={(v: number | null | undefined) => (typeof v === 'number' ? String(v / 100) : '')}
        parse={(v: number | string) => {
          const n = typeof v === 'number' ? v : Number(v);
          return Number.isFinite(n) && String(v) !== '' ? Math.round(n * 100) : null;
        }}
        {...adornment('%', 'end')}
      />
    );
  if (record?.type === 'money')
    // Typed and shown in rupiah with thousands separators (Rp 10.000.000), stored as the whole number.
    return (
      <TextInput
        source="value"
        label={label}
        validate={required()}
        format={(v: number | null | undefined) => (typeof v === 'number' ? v.toLocaleString('id-ID') : '')}
        parse={(text: string) => {
          const digits = text.replace(/\D/g, '');
          return digits ? Number(digits) : null;
        }}
        {...adornment('Rp', 'start')}
      />
    );
  return (
    <NumberInput
      source="value"
      label={label}
      step={1}
      min={0}
      validate={required()}
      {...(unit ? adornment(unit, 'end') : {})}
    />
  );
}

/** What the setting is, its value now, its default and its last change, before the form changes it. */
function Summary() {
  const record = useRecordContext<{
    id: string;
    type: string;
    value: unknown;
    default: unknown;
    rule: string;
    changedAt: string | null;
    changedBy: string | null;
    lastReason: string | null;
  }>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!record) return null;
  const row = (label: string, value: string, testId?: string) => (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {translate(label)}
      </Typography>
      <Typography component="dd" variant="body1" sx={{ m: 0 }} data-testid={testId}>
        {value}
      </Typography>
    </>
  );
  return (
    <Card variant="outlined" sx={{ mb: 2, width: '100%' }} data-testid="setting-summary">
      <CardContent>
        <Typography variant="h5" component="h1">
          {translate(`resources.settings.labels.${record.id}`, { _: record.id })}
        </Typography>
        <Typography variant="body1" sx={{ mb: 1 }}>
          {translate(`resources.settings.descriptions.${record.id}`, { _: '' })}
        </Typography>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}
        >
          {row(
            'resources.settings.summary.current',
            formatSetting(record.type, record.value, translate, locale),
            'setting-current',
          )}
          {row(
            'resources.settings.summary.default',
            formatSetting(record.type, record.default, translate, locale),
            'setting-default',
          )}
          {row('resources.settings.summary.unit', settingUnit(translate, record.type) || '—')}
          {row(
            'resources.settings.summary.last_change',
            record.changedAt
              ? `${translate('resources.settings.summary.changed', {
                  at: new Date(record.changedAt).toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB'),
                  by: record.changedBy ?? '—',
                })}${record.lastReason ? ` — ${record.lastReason}` : ''}`
              : translate('resources.settings.summary.never_changed'),
            'setting-last-change',
          )}
          {row('resources.settings.fields.rule', record.rule)}
          {row('resources.settings.fields.id', record.id)}
        </Box>
      </CardContent>
    </Card>
  );
}

export function SettingEdit() {
  const translate = useTranslate();
  return (
    <Edit
      mutationMode="pessimistic"
      actions={<TopToolbar />}
      transform={(data) => ({ value: data.value, reason: data.reason })}
    >
      {/* Save only: the API has no delete for a policy setting. */}
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <Summary />
        <ValueInput />
        <TextInput source="reason" validate={required()} fullWidth defaultValue="" />
        <Typography variant="body2" color="text.secondary">
          {translate('resources.settings.help.applies')}
        </Typography>
      </SimpleForm>
    </Edit>
  );
}
