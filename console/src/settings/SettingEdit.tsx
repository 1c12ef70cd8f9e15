import {
  Edit,
  FunctionField,
  NumberInput,
  required,
  SimpleForm,
  TextField,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Typography } from '@mui/material';
import { formatSetting } from './format';

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
  return <NumberInput source="value" step={1} min={0} validate={required()} />;
}

export function SettingEdit() {
  const translate = useTranslate();
  return (
    <Edit mutationMode="pessimistic" transform={(data) => ({ value: data.value, reason: data.reason })}>
      <SimpleForm>
        <TextField source="id" />
        <TextField source="description" />
        <TextField source="rule" />
        <FunctionField source="default" render={(r) => formatSetting(r.type, r.default)} />
        <ValueInput />
        <TextInput source="reason" validate={required()} fullWidth defaultValue="" />
        <Typography variant="body2" color="text.secondary">
          {translate('resources.settings.help.applies')}
        </Typography>
      </SimpleForm>
    </Edit>
  );
}
