import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, Title, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';

interface Section {
  path: string;
  body?: unknown;
  problem?: { status: number; title: string; detail?: string };
}
interface UserView {
  user: { id: number; name: string; email: string; status: string };
  viewedAt: string;
  viewedBy: { id: number; name: string };
  sections: Record<string, Section>;
}

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);
const show = (v: unknown) =>
  v === null || v === undefined ? '—' : isScalar(v) ? String(v) : JSON.stringify(v);

/** A list answer (an array, or the `{ items, total }` page shape) as a table of its scalar fields. */
function ItemsTable({ items, label }: { items: Record<string, unknown>[]; label: string }) {
  const translate = useTranslate();
  if (!items.length)
    return <Typography color="text.secondary">{translate('resources.user-view.empty')}</Typography>;
  const columns = Object.keys(items[0]!)
    .filter((k) => isScalar(items[0]![k]))
    .slice(0, 7);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c} sx={{ fontFamily: 'monospace' }}>
                {c}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((it, i) => (
            <TableRow key={typeof it.id === 'number' || typeof it.id === 'string' ? it.id : i}>
              {columns.map((c) => (
                <TableCell key={c}>{show(it[c])}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** An object answer (profile, balance) as field: value lines. */
function Fields({ value }: { value: Record<string, unknown> }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, m: 0 }}>
      {Object.entries(value).map(([k, v]) => (
        <Box key={k} sx={{ display: 'contents' }}>
          <Box component="dt" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>
            {k}
          </Box>
          <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {show(v)}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

function SectionBody({ section, label }: { section: Section; label: string }) {
  const translate = useTranslate();
  if (section.problem)
    return (
      <Typography color="text.secondary">
        {translate('resources.user-view.problem', {
          status: section.problem.status,
          title: section.problem.title,
        })}
      </Typography>
    );
  const body = section.body;
  if (Array.isArray(body)) return <ItemsTable items={body as Record<string, unknown>[]} label={label} />;
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)) {
    const page = body as { items: Record<string, unknown>[]; total?: number; unreadCount?: number };
    return (
      <>
        <Typography variant="body2" color="text.secondary">
          {translate('resources.user-view.total', { total: page.total ?? page.items.length })}
          {page.unreadCount !== undefined &&
            ` · ${translate('resources.user-view.unread', { count: page.unreadCount })}`}
        </Typography>
        <ItemsTable items={page.items} label={label} />
      </>
    );
  }
  if (body && typeof body === 'object') return <Fields value={body as Record<string, unknown>} />;
  return <Typography>{show(body)}</Typography>;
}

/**
 * Issue 16 item 9: the user's account as the public API answers them, read-only. Nothing here acts as the
 * user; opening it is recorded in the audit log.
 */
export function UserViewPage() {
  const translate = useTranslate();
  const { id } = useParams();
  const [view, setView] = useState<UserView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    httpClient(`${API_ROOT}/users/${encodeURIComponent(id ?? '')}/user-view`).then(
      ({ json }) => setView(json as UserView),
      (e: Error) => setError(e.message),
    );
  }, [id]);
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }}>
      <Title title={translate('resources.user-view.title', { name: view?.user.name ?? '' })} />
      {error && (
        <Alert severity="error">
          {error} <Link to="/users">{translate('resources.user-view.back')}</Link>
        </Alert>
      )}
      {view && (
        <>
          <Typography variant="h5" component="h1">
            {translate('resources.user-view.title', { name: view.user.name })}
          </Typography>
          <Alert severity="info" data-testid="user-view-banner">
            {translate('resources.user-view.read_only', {
              name: view.user.name,
              staff: view.viewedBy.name,
            })}{' '}
            <Link to={`/users/${view.user.id}/show`}>{translate('resources.user-view.back_to_user')}</Link>
          </Alert>
          {Object.entries(view.sections).map(([name, section]) => {
            const label = translate(`resources.user-view.sections.${name}`);
            return (
              <Card key={name} data-testid={`user-view-${name}`}>
                <CardContent>
                  <Typography variant="h6" component="h2">
                    {label}{' '}
                    <Typography
                      component="span"
                      variant="body2"
                      sx={{ fontFamily: 'monospace', color: 'text.secondary' }}
                    >
                      GET {section.path}
                    </Typography>
                  </Typography>
                  <SectionBody section={section} label={label} />
                </CardContent>
              </Card>
            );
          })}
        </>
      )}
    </Stack>
  );
}
