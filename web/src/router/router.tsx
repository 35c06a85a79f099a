/**
 * A tiny client-side router on the History API (no dependency): `navigate()`, `useLocation()`,
 * `<Link>` and a route table type. The server answers every page path with index.html, so deep
 * links and reloads land here; paths are kept in their trailing-slash form.
 */
import type { ComponentType, PartialAnchorHTMLAttributes } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isCurrentLink, normalizePath, type Params } from './match.js';

export interface PageProps {
  params: Params;
}

export interface RouteDef {
  /** Pattern such as `/runs/:id/` or `/runs/*` (see match.ts). */
  path: string;
  component: ComponentType<PageProps>;
  /** Render without the site header and footer (OBS overlays: transparent, no chrome). */
  bare?: boolean;
}

export interface AppLocation {
  path: string;
  search: string;
  hash: string;
}

const listeners = new Set<(location: AppLocation) => void>();
let current: AppLocation = readLocation();

function readLocation(): AppLocation {
  return { path: window.location.pathname, search: window.location.search, hash: window.location.hash };
}

function update(): void {
  current = readLocation();
  for (const listener of listeners) listener(current);
}

window.addEventListener('popstate', update);

/** Goes to `to` (a path on this site) without reloading; other origins load normally. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = `${normalizePath(url.pathname)}${url.search}${url.hash}`;
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (options.replace || target === here) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  update();
}

/** The current location; re-renders when it changes. */
export function useLocation(): AppLocation {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    listeners.add(setLocation);
    setLocation(current);
    return () => {
      listeners.delete(setLocation);
    };
  }, []);
  return location;
}

/** One query parameter of the current location. */
export function useQueryParam(name: string): string | null {
  return new URLSearchParams(useLocation().search).get(name);
}

/** True for clicks the browser should handle itself (new tab, download, other window). */
function isModifiedClick(event: MouseEvent): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}

export type LinkProps = Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'role'> & {
  href: string;
  /** Mark as current (aria-current="page") for paths under its own path (true) or any of these prefixes. */
  activePrefix?: boolean | readonly string[];
};

/** An ordinary link that navigates in-app on a plain left click. */
export function Link({ href, activePrefix, onClick, ...rest }: LinkProps) {
  const location = useLocation();
  const target = normalizePath(new URL(href, 'http://x').pathname);
  const active = isCurrentLink(location.path, target, activePrefix);
  return (
    <a
      {...rest}
      href={href}
      aria-current={active ? 'page' : undefined}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || isModifiedClick(event)) return;
        if (rest.target && rest.target !== '_self') return;
        if (new URL(href, window.location.href).origin !== window.location.origin) return;
        event.preventDefault();
        navigate(href);
      }}
    />
  );
}

/** Sets the document title for the current page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Roomful` : 'Roomful';
  }, [title]);
}
