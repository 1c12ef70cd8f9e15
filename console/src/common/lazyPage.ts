import { lazy, type ComponentType } from 'react';

/**
 * A page loaded on first visit: each resource's list, show and edit pages are their own
 * chunk, so the first screen downloads react-admin and the page it shows, not every page.
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  return lazy(async () => {
    const page: ComponentType = (await load())[name];
    return { default: page };
  });
}
