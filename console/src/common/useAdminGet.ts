import { useCallback, useEffect, useState } from 'react';
import { API_ROOT, httpClient } from '../api';

/** A GET of the staff API for a panel that is not a react-admin resource; `refetch` reads it again. */
export function useAdminGet<T>(path: string): {
  data: T | undefined;
  error: Error | null;
  refetch: () => void;
} {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    httpClient(`${API_ROOT}${path}`).then(
      ({ json }) => live && setData(json as T),
      (e: unknown) => live && setError(e as Error),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const refetch = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, refetch };
}
