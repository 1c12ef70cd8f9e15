import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { Loading } from 'react-admin';

/** A page component whose chunk can be asked for before the page first renders. */
export type LazyPage = ComponentType & { preload: () => Promise<unknown> };

/**
 * A page loaded on first visit: each resource's list, show and edit pages are their own
 * chunk, so the first screen downloads react-admin and the page it shows, not every page.
 * `preload()` starts that download early (the page the address opens, while /me is asked).
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyPage {
  let loading: Promise<M> | null = null;
  const preload = () => {
    loading ??= load().catch((error: unknown) => {
      loading = null; // a failed download (offline, new deploy) is tried again on the next render
      throw error;
    });
    return loading;
  };
  const Page = lazy(async () => {
    const page: ComponentType = (await preload())[name];
    return { default: page };
  });
  return Object.assign(Page, { preload });
}

/**
 * A lazy page shown outside react-admin's layout (which has its own Suspense boundary around the
 * page): the login and password reset screens wait for their chunk behind the same spinner.
 */
export function standalone(Page: ComponentType): ComponentType {
  return function StandalonePage() {
    return <Suspense fallback={<Loading />}>{createElement(Page)}</Suspense>;
  };
}
