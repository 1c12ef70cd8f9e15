import { useEffect, useState } from 'react';
import { MenuItem, Stack, TextField } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';

export interface ReasonTemplate {
  id: number;
  action: string;
  name: string;
  bodyEn: string;
  bodyId: string;
}

/**
 * OPS-6: the admins' reason templates for one decision action. Picking one puts its text, in the language the
 * affected user reads (or the console's when unknown), into the reason field, where it stays editable.
 */
export function ReasonTemplatePicker({
  action,
  locale,
  reader,
  onPick,
}: {
  action: string;
  locale?: string;
  /** The case whose affected user reads the reason: their language is asked of the server. */
  reader?: { resource: string; id: string | number };
  onPick: (text: string) => void;
}) {
  const translate = useTranslate();
  const [consoleLocale] = useLocaleState();
  const [templates, setTemplates] = useState<ReasonTemplate[]>([]);
  const [lang, setLang] = useState<string>(locale === 'id' || locale === 'en' ? locale : consoleLocale);
  const [picked, setPicked] = useState('');
  useEffect(() => {
    const filter = encodeURIComponent(JSON.stringify({ action, active: true }));
    httpClient(`${API_ROOT}/reason-templates?filter=${filter}&range=[0,49]`).then(
      ({ json }) => setTemplates(json as ReasonTemplate[]),
      () => setTemplates([]),
    );
  }, [action]);
  const readerUrl = reader && !locale ? `${API_ROOT}/case-readers/${reader.resource}/${reader.id}` : null;
  useEffect(() => {
    if (!readerUrl) return;
    // A case without one reader's language (two parties who read different ones) keeps the console's.
    httpClient(readerUrl).then(
      ({ json }) => {
        if (json.locale === 'en' || json.locale === 'id') setLang(json.locale);
      },
      () => undefined,
    );
  }, [readerUrl]);
  if (!templates.length) return null;
  const textOf = (t: ReasonTemplate, l: string) => (l === 'id' ? t.bodyId : t.bodyEn);
  return (
    <Stack direction="row" spacing={1}>
      <TextField
        select
        size="small"
        sx={{ flex: 1 }}
        label={translate('resources.reason-templates.insert')}
        value={picked}
        onChange={(e) => {
          const t = templates.find((x) => String(x.id) === e.target.value);
          setPicked(e.target.value);
          if (t) onPick(textOf(t, lang));
        }}
        slotProps={{ htmlInput: { 'data-testid': `reason-template-${action}` } }}
      >
        {templates.map((t) => (
          <MenuItem key={t.id} value={String(t.id)}>
            {t.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        sx={{ width: 160 }}
        label={translate('resources.reason-templates.language')}
        value={lang}
        onChange={(e) => {
          setLang(e.target.value);
          const t = templates.find((x) => String(x.id) === picked);
          if (t) onPick(textOf(t, e.target.value));
        }}
      >
        <MenuItem value="en">English</MenuItem>
        <MenuItem value="id">Bahasa Indonesia</MenuItem>
      </TextField>
    </Stack>
  );
}
