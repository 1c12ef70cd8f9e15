import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { Link, useResourceContext, useResourceDefinition, useShowContext, useTranslate } from 'react-admin';

/**
 * What a record page shows when its record cannot be loaded: "not found" (404) or the error, with a way back
 * to the list (or the dashboard where the resource has none).
 */
export function RecordNotFound() {
  const translate = useTranslate();
  const resource = useResourceContext();
  const { hasList } = useResourceDefinition();
  const { error } = useShowContext();
  const status = (error as { status?: number } | null)?.status;
  const back = hasList && resource ? `/${resource}` : '/';
  return (
    <Alert
      severity={status === 404 || !status ? 'warning' : 'error'}
      sx={{ m: 2 }}
      data-testid="record-not-found"
    >
      <AlertTitle component="h1">
        {translate(status === 404 || !status ? 'app.not_found.title' : 'app.not_found.error_title')}
      </AlertTitle>
      <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
        <span>
          {translate(status === 404 || !status ? 'app.not_found.body' : 'app.not_found.error_body')}
        </span>
        <Button component={Link} to={back} variant="outlined" size="small">
          {translate(hasList ? 'app.not_found.back_to_list' : 'app.not_found.back_to_dashboard')}
        </Button>
      </Stack>
    </Alert>
  );
}
