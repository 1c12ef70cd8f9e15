import { useEffect, useState } from 'react';
import { Alert } from '@mui/material';
import { TopToolbar, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { allows } from '../common/allowed';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { API_ROOT, httpClient } from '../api';
import { useFormatDateTime } from '../common/DateTimeField';
import { UserViewButton } from '../user-view/UserViewButton';

const TYPES = [
  'abusive_language',
  'spam',
  'misleading_profile',
  'sharing_contact_info',
  'feedback_manipulation',
  'misrepresenting_service',
  'other',
].map((id) => ({ id, name: `resources.users.warning_type.${id}` }));

/** WRN-8: the consequence, computed by the server's policy function, before the warning is issued. */
export function WarningPreview({ userId, type, severe }: { userId: number; type?: string; severe?: string }) {
  const formatDate = useFormatDateTime();
  const translate = useTranslate();
  const [d, setD] = useState<{
    consequence: string;
    rule: string;
    suspendedUntil: string | null;
    levelAfter: string;
  } | null>(null);
  useEffect(() => {
    if (!type) return setD(null);
    httpClient(`${API_ROOT}/users/${userId}/warnings/preview`, {
      method: 'POST',
      body: JSON.stringify({ type, severe: severe === 'true' }),
    }).then(
      ({ json }) => setD(json as never),
      () => setD(null),
    );
  }, [userId, type, severe]);
  if (!d) return null;
  return (
    <Alert severity={d.consequence === 'reminder' ? 'info' : 'warning'} data-testid="warning-preview">
      {translate(`resources.users.consequence.${d.consequence}`, {
        until: d.suspendedUntil ? formatDate(d.suspendedUntil) : '',
        level: d.levelAfter,
      })}{' '}
      ({d.rule})
    </Alert>
  );
}

/**
 * SEL-4: top_rated is given by hand; the other levels follow the daily run but may be corrected with a
 * reason.
 */
const LEVELS = ['new', 'level_1', 'level_2', 'top_rated'].map((id) => ({
  id,
  name: `resources.users.level.${id}`,
}));

export function TrustActions() {
  const record = useRecordContext<{ id: number; status: string; isSeller: boolean }>();
  const { permissions } = usePermissions();
  if (!record || (permissions !== 'trust_safety' && permissions !== 'admin'))
    return (
      <TopToolbar>
        <UserViewButton />
      </TopToolbar>
    );
  const reason = {
    name: 'reason',
    label: 'resources.users.fields.reason',
    type: 'text' as const,
    required: true,
  };
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <UserViewButton />
      {allows(record, 'warn') && (
        <ActionDialogButton
          resource="users"
          action="warnings"
          label="resources.users.action.warn"
          color="warning"
          fields={[
            {
              name: 'type',
              label: 'resources.users.fields.warningType',
              type: 'select',
              required: true,
              choices: TYPES,
            },
            { name: 'severe', label: 'resources.users.fields.severe', type: 'boolean' },
            { ...reason, reasonAction: 'warning.issue' },
            {
              name: 'evidence',
              label: 'resources.users.fields.evidence',
              type: 'text',
              helper: 'resources.users.evidence_helper',
            },
            {
              name: 'suspensionDays',
              label: 'resources.users.fields.suspensionDays',
              type: 'number',
              helper: 'resources.users.suspension_helper',
            },
          ]}
          extra={(v) => <WarningPreview userId={record.id} type={v.type} severe={v.severe} />}
        />
      )}
      {allows(record, 'set-level') && (
        <ActionDialogButton
          resource="users"
          action="level"
          label="resources.users.action.set_level"
          fields={[
            {
              name: 'level',
              label: 'resources.users.fields.sellerLevel',
              type: 'select',
              required: true,
              choices: LEVELS,
            },
            reason,
          ]}
        />
      )}
      {allows(record, 'lift-suspension') && (
        <ActionDialogButton
          resource="users"
          action="lift-suspension"
          label="resources.users.action.lift"
          color="success"
          fields={[{ ...reason, reasonAction: 'user.lift_suspension' }]}
        />
      )}
      {allows(record, 'block') && (
        <ActionDialogButton
          resource="users"
          action="block"
          label="resources.users.action.block"
          color="error"
          fields={[{ ...reason, reasonAction: 'user.block' }]}
        />
      )}
    </TopToolbar>
  );
}
