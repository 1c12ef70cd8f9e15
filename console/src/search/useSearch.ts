import { useEffect, useState } from 'react';
import { API_ROOT, httpClient } from '../api';

export interface SearchHit {
  kind: string;
  resource: string;
  id: number;
  title: string;
  subtitle: string | null;
}

export interface SearchGroup {
  kind: string;
  resource: string;
  more: boolean;
  items: Omit<SearchHit, 'kind' | 'resource'>[];
}

/** `GET /api/admin/search?q=`: the kinds this staff member may open, grouped; nothing for a blank term. */
export function useSearch(q: string, delay = 250) {
  const [groups, setGroups] = useState<SearchGroup[] | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const term = q.trim();
    // One letter finds too much to show; one digit is an id.
    if (term.length < 2 && !/^\d$/.test(term)) {
      setGroups(null);
      return;
    }
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      httpClient(`${API_ROOT}/search?q=${encodeURIComponent(term)}`).then(
        ({ json }) => {
          if (!live) return;
          setGroups((json as { groups: SearchGroup[] }).groups);
          setLoading(false);
        },
        () => {
          if (!live) return;
          setGroups([]);
          setLoading(false);
        },
      );
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, delay]);
  return { groups, loading };
}

/** Where a hit opens: its record's page in the console. */
export const hitPath = (resource: string, id: number) => `/${resource}/${id}/show`;
