import { useQuery } from '@tanstack/react-query';
import { API_ROOT, httpClient } from '../api';

/**
 * A GET of the staff API for a panel that is not a react-admin resource. It lives in react-admin's query
 * cache, so an action's `refresh()` (every ActionDialogButton calls it) reads the panel again as it does
 * the record; `refetch` reads it again on demand.
 */
export function useAdminGet<T>(path: string): {
  data: T | undefined;
  error: Error | null;
  refetch: () => void;
} {
  const query = useQuery({
    queryKey: ['admin-get', path],
    queryFn: async () => (await httpClient(`${API_ROOT}${path}`)).json as T,
    retry: false,
  });
  return { data: query.data, error: query.error, refetch: () => void query.refetch() };
}
