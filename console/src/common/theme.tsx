import { defaultLightTheme, type RaThemeOptions } from 'react-admin';
import { deepmerge } from '@mui/utils';
import { RecordNotFound } from './RecordNotFound';

/**
 * The console's theme (issue 16, item 10): the app bar blue darkened so white text reads at 5.7:1 (the
 * default #2196f3 gives 3.1:1, under WCAG's 4.5:1), a focus ring that shows on every focusable element
 * including queue rows, and a "not found" page with a way back for every record page instead of a blank one.
 */
export const theme: RaThemeOptions = deepmerge(defaultLightTheme, {
  palette: {
    // MUI's #1976d2 reads at 4.4:1 on react-admin's #fafafb page: under 4.5:1 for small text buttons.
    primary: { main: '#1565c0' },
    // White on MUI's orange (#ed6c02) is 3:1 and on its light blue (#0288d1) 3.9:1: darker shades, 5:1 and
    // more.
    warning: { main: '#b45309', light: '#f59e0b', dark: '#92400e', contrastText: '#fff' },
    info: { main: '#01579b', contrastText: '#fff' },
    secondary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        ':focus-visible': { outline: '3px solid #b45309', outlineOffset: '2px' },
        'tr.RaDatagrid-clickableRow:focus-visible': { outline: '3px solid #b45309', outlineOffset: '-3px' },
      },
    },
    RaShow: { defaultProps: { error: <RecordNotFound /> } },
    // Lists fit a 1366 px laptop (issue 16, item 10): the page area may shrink below its table's natural
    // width, the toolbar wraps, and cells wrap long emails, dates and chips instead of pushing the page
    // wider.
    RaLayout: { styleOverrides: { root: { '& .RaLayout-content': { minWidth: 0 } } } },
    // react-admin's empty list message is at half opacity: 2.4:1. Full opacity in the secondary text colour.
    RaEmpty: {
      styleOverrides: { root: { '& .RaEmpty-message': { opacity: 1, color: 'rgba(0, 0, 0, 0.6)' } } },
    },
    RaListToolbar: { styleOverrides: { root: { flexWrap: 'wrap', rowGap: 4 } } },
    MuiTableCell: {
      styleOverrides: {
        sizeSmall: { padding: '6px 8px' },
        body: {
          overflowWrap: 'anywhere',
          '& .MuiChip-root': { height: 'auto', minHeight: 24, maxWidth: '100%' },
          '& .MuiChip-label': { whiteSpace: 'normal', overflowWrap: 'normal' },
        },
      },
    },
  },
});
