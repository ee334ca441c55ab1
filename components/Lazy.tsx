import { h, type ComponentChildren, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A component whose code is a chunk of its own, fetched on its first render (or `preload`). */
export type LazyComponent<P> = ComponentType<P> & {
  /** Starts fetching the code now (say, on a first focus) so the first render finds it there. */
  preload(): Promise<ComponentType<P>>;
};

/**
 * Wraps `import('./X')` so that the popup's first screen never waits for (or downloads) code it
 * does not draw: search, Trending, the keys. `fallback` is drawn until the code is in, which in
 * an extension (files on disk) is a frame or two. Like preact/compat's `lazy`, without the
 * Suspense machinery, which would bring preact/compat into the popup.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: (props: P) => ComponentChildren = () => null,
): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null; // the next render tries again
        throw error;
      },
    ));

  function Lazy(props: P) {
    const [, setLoaded] = useState(loaded !== null);
    useEffect(() => {
      if (loaded !== null) return;
      let live = true;
      preload().then(
        () => live && setLoaded(true),
        (error: unknown) => console.error('[paperboy] could not load part of the page', error),
      );
      return () => {
        live = false;
      };
    }, []);
    return loaded === null ? fallback(props) : h(loaded, props);
  }
  return Object.assign(Lazy, { preload });
}
