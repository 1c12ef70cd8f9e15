import { Card, CardContent, List, ListItem, ListItemButton, ListItemText, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { Link, useSearchParams } from 'react-router-dom';
import { hitPath, useSearch } from './useSearch';

/** The full results of the app bar's search (`/search?q=`), grouped by kind, each a link to its record. */
export function SearchPage() {
  const translate = useTranslate();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const { groups } = useSearch(q, 0);
  return (
    <Card sx={{ mt: 1 }}>
      <Title title={translate('app.search.title', { q })} />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate('app.search.title', { q })}
        </Typography>
        {groups && groups.length === 0 && <Typography>{translate('app.search.nothing', { q })}</Typography>}
        {groups?.map((g) => (
          <section key={g.kind} data-testid={`search-group-${g.kind}`}>
            <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
              {translate(`app.search.kind.${g.kind}`)}
            </Typography>
            <List dense>
              {g.items.map((i) => (
                <ListItem key={i.id} disablePadding>
                  <ListItemButton component={Link} to={hitPath(g.resource, i.id)}>
                    <ListItemText primary={i.title} secondary={i.subtitle} />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
            {g.more && (
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {translate('app.search.more')}
              </Typography>
            )}
          </section>
        ))}
      </CardContent>
    </Card>
  );
}
