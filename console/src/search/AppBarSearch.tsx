import { useState } from 'react';
import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { hitPath, useSearch, type SearchHit } from './useSearch';

/**
 * The console's one search, in the app bar: people, orders, charges, payouts and cases as one types, grouped
 * by
 * kind. Arrow keys and Enter open a record; Enter on the typed text opens the full results page.
 */
export function AppBarSearch() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [input, setInput] = useState('');
  const { groups, loading } = useSearch(input);
  const options: SearchHit[] = (groups ?? []).flatMap((g) =>
    g.items.map((i) => ({ ...i, kind: g.kind, resource: g.resource })),
  );
  return (
    <Autocomplete<SearchHit, false, false, true>
      freeSolo
      size="small"
      options={options}
      loading={loading}
      value={null}
      inputValue={input}
      onInputChange={(_e, v, reason) => {
        if (reason !== 'reset') setInput(v);
      }}
      filterOptions={(o) => o}
      groupBy={(o) => translate(`app.search.kind.${o.kind}`)}
      getOptionLabel={(o) => (typeof o === 'string' ? o : o.title)}
      onChange={(_e, v) => {
        if (!v) return;
        if (typeof v === 'string') {
          if (v.trim()) void navigate(`/search?q=${encodeURIComponent(v.trim())}`);
        } else {
          setInput('');
          void navigate(hitPath(v.resource, v.id));
        }
      }}
      // The group header is not an option: a presentational item around a named group keeps the listbox's
      // ARIA structure whole (MUI's default nests a list inside the listbox).
      renderGroup={(params) => (
        <li key={params.key} role="presentation">
          <Typography
            component="div"
            aria-hidden
            variant="overline"
            sx={{ px: 2, pt: 1, color: 'text.secondary', display: 'block' }}
          >
            {params.group}
          </Typography>
          <ul role="group" aria-label={params.group} style={{ padding: 0 }}>
            {params.children}
          </ul>
        </li>
      )}
      renderOption={(props, o) => {
        const { key, ...rest } = props as typeof props & { key: string };
        return (
          <li key={`${key}-${o.kind}-${o.id}`} {...rest}>
            <Box>
              <Typography variant="body2">{o.title}</Typography>
              {o.subtitle && (
                <Typography variant="caption" sx={{ color: 'text.secondary' }}>
                  {o.subtitle}
                </Typography>
              )}
            </Box>
          </li>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          variant="outlined"
          placeholder={translate('app.search.placeholder')}
          slotProps={{
            ...params.slotProps,
            htmlInput: {
              ...params.slotProps.htmlInput,
              'aria-label': translate('app.search.label'),
              'data-testid': 'app-search',
            },
          }}
        />
      )}
      // A white field with dark text on the blue app bar: readable at 4.5:1 and more.
      sx={{
        width: { xs: 180, sm: 280, md: 360 },
        mx: 1,
        bgcolor: '#ffffff',
        borderRadius: 1,
        '& .MuiInputBase-root, & input': { bgcolor: '#ffffff', color: '#1f2430' },
      }}
    />
  );
}
