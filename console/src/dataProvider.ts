import simpleRestProvider from 'ra-data-simple-rest';
import { API_ROOT, httpClient } from './api';

/** ra-data-simple-rest against /api/admin, through the CSRF-aware client. */
export const dataProvider = simpleRestProvider(API_ROOT, httpClient);
