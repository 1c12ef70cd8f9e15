import VisibilityIcon from '@mui/icons-material/Visibility';
import { Button } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { usePermissions, useRecordContext, useTranslate } from 'react-admin';

/** Issue 16 item 9: open the read-only view of what this user sees (support, trust & safety, finance). */
export function UserViewButton() {
  const translate = useTranslate();
  const record = useRecordContext<{ id: number }>();
  const { permissions } = usePermissions();
  if (!record || !['support', 'trust_safety', 'finance', 'admin'].includes(String(permissions))) return null;
  return (
    <Button
      component={RouterLink}
      to={`/users/${record.id}/user-view`}
      size="small"
      startIcon={<VisibilityIcon />}
    >
      {translate('resources.user-view.open')}
    </Button>
  );
}
