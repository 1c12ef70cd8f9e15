import { allows } from './allowed';
import { useEffect, useState, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { ReasonTemplatePicker } from '../decisions/ReasonTemplatePicker';

export interface ActionField {
  name: string;
  label: string;
  type: 'money' | 'number' | 'text' | 'line' | 'select' | 'boolean';
  required?: boolean;
  choices?: { id: string; name: string }[];
  helper?: string;
  select?: boolean;
  /** OPS-6: the decision action whose reason templates the dialog offers to insert into this field. */
  reasonAction?: string;
  /** The language of the user who reads the reason (`en` or `id`), for the inserted template. */
  locale?: string;
}

/**
 * One button per domain action (`POST /api/admin/<resource>/:id/<action>`): a dialog asks
 * for the action's fields (a reason wherever a person is affected, OPS-6), sends them once,
 * and shows the server's problem detail when it refuses (e.g. another agent decided first).
 */
export function ActionDialogButton({
  resource,
  action,
  label,
  fields,
  color = 'primary',
  extra,
  disabled,
  transition,
  toBody,
}: {
  resource: string;
  action: string;
  label: string;
  fields: ActionField[];
  color?: 'primary' | 'error' | 'success' | 'warning';
  extra?: (values: Record<string, string>) => ReactNode;
  disabled?: boolean;
  /** The transition this button fires: shown only when the record's `allowedActions` list it. */
  transition?: string;
  /** Shapes the request body when the route nests its fields (e.g. a payout method). */
  toBody?: (body: Record<string, unknown>) => object;
}) {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!record || (transition && !allows(record, transition))) return null;
  // OPS-6: a required field (a decision's reason above all) left empty keeps the dialog from sending.
  const missing = fields.some((f) => f.required && !(values[f.name] ?? '').trim());
  const submit = async () => {
    setBusy(true);
    setErrors({});
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (v === undefined || v === '') continue;
      body[f.name] =
        f.type === 'money' || f.type === 'number'
          ? Number(v.replace(/\D/g, ''))
          : f.type === 'boolean'
            ? v === 'true'
            : v;
    }
    try {
      await httpClient(`${API_ROOT}/${resource}/${record.id}/${action}`, {
        method: 'POST',
        body: JSON.stringify(toBody ? toBody(body) : body),
      });
      notify('app.action.done', { type: 'success' });
      setOpen(false);
      setValues({});
      refresh();
    } catch (e) {
      const err = e as { message: string; body?: { errors?: Record<string, string> } };
      // A nested field (e.g. `method.accountNumber` of a body shaped by toBody) shows on the dialog field of
      // its last name.
      setErrors(
        Object.fromEntries(Object.entries(err.body?.errors ?? {}).map(([k, v]) => [k.split('.').pop()!, v])),
      );
      notify(err.message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="contained" color={color} onClick={() => setOpen(true)} disabled={disabled}>
        {translate(label)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate(label)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            {fields.map((f) => (
              <TextField
                key={f.name}
                label={translate(f.label)}
                required={f.required}
                select={f.type === 'select' || f.type === 'boolean' || f.select}
                multiline={f.type === 'text'}
                minRows={f.type === 'text' ? 3 : undefined}
                value={values[f.name] ?? ''}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                error={Boolean(errors[f.name])}
                helperText={errors[f.name] ?? (f.helper ? translate(f.helper) : undefined)}
                slotProps={{
                  htmlInput: f.type === 'money' || f.type === 'number' ? { inputMode: 'numeric' } : undefined,
                }}
              >
                {(f.type === 'boolean'
                  ? [
                      { id: 'false', name: 'ra.boolean.false' },
                      { id: 'true', name: 'ra.boolean.true' },
                    ]
                  : f.choices
                )?.map((c) => (
                  <MenuItem key={c.id} value={c.id}>
                    {translate(c.name)}
                  </MenuItem>
                ))}
              </TextField>
            ))}
            {fields
              .filter((f) => f.reasonAction)
              .map((f) => (
                <ReasonTemplatePicker
                  key={`template-${f.name}`}
                  action={f.reasonAction!}
                  locale={f.locale}
                  reader={{ resource, id: record.id }}
                  onPick={(text) => setValues((v) => ({ ...v, [f.name]: text }))}
                />
              ))}
            {extra?.(values)}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button onClick={() => void submit()} disabled={busy || missing} variant="contained" color={color}>
            {translate('app.action.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** OPS-2: assign an open case to a colleague. */
export function AssignButton({ resource }: { resource: string }) {
  const record = useRecordContext();
  const [agents, setAgents] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    httpClient(`${API_ROOT}/support-agents`).then(
      ({ json }) =>
        setAgents((json as { id: number; name: string }[]).map((a) => ({ id: String(a.id), name: a.name }))),
      () => setAgents([]),
    );
  }, []);
  if (!record || !allows(record, 'claim')) return null;
  return (
    <ActionDialogButton
      resource={resource}
      action="claim"
      label="app.action.assign"
      color="primary"
      fields={[
        {
          name: 'staffId',
          label: 'app.action.assign_to',
          type: 'number',
          required: true,
          choices: agents,
          select: true,
        },
      ]}
    />
  );
}

export function ClaimButton({ resource }: { resource: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || !allows(record, 'claim')) return null;
  return (
    <Button
      variant="outlined"
      onClick={() =>
        void (async () => {
          try {
            await httpClient(`${API_ROOT}/${resource}/${record.id}/claim`, { method: 'POST', body: '{}' });
            refresh();
          } catch (e) {
            notify((e as Error).message, { type: 'error' });
          }
        })()
      }
    >
      {translate('app.action.claim')}
    </Button>
  );
}
