import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { STYLESHEET_HREF } from '../static.ts';

/** A link in the site's main navigation. */
export interface NavLink {
  href: string;
  label: string;
}

/** The public navigation every page shows. */
export const PUBLIC_NAV: readonly NavLink[] = [
  { href: '/', label: 'Start' },
  { href: '/kommuner', label: 'Kommuner' },
  { href: '/jamfor', label: 'Jämför' },
  { href: '/medelvarden', label: 'Medelvärden' },
  { href: '/sok', label: 'Sök goda exempel' },
];

export interface LayoutProps {
  /** The page's own title; the document title becomes "<title> – Kompass". */
  title: string;
  /** The request path, so the navigation can mark the current section. */
  path?: string;
  /** Extra navigation links (e.g. the workspace for a signed-in evaluator). */
  nav?: readonly NavLink[];
  /** Shown at the end of the header: the sign-in link, or who is signed in and a sign-out form. */
  account?: ComponentChildren;
  children: ComponentChildren;
}

/** The section a path belongs to: "/kommuner/0486" is in "/kommuner". */
function isCurrent(href: string, path: string | undefined): boolean {
  if (path === undefined) return false;
  if (href === '/') return path === '/';
  return path === href || path.startsWith(`${href}/`);
}

/**
 * The page frame every server-rendered page shares: Swedish, a skip link as the first tab stop,
 * landmarks (banner, navigation, main, contentinfo). Each page brings its own single `<h1>`.
 */
export function Layout({ title, path, nav = [], account, children }: LayoutProps) {
  const links = [...PUBLIC_NAV, ...nav];
  return (
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Kompass`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={STYLESHEET_HREF} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Hoppa till innehållet
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            Kompass
          </a>
          <nav aria-label="Huvudmeny" class="site-nav">
            <ul>
              {links.map((link) => (
                <li key={link.href}>
                  <a
                    href={link.href}
                    aria-current={isCurrent(link.href, path) ? 'page' : undefined}
                  >
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {account === undefined ? null : <div class="account">{account}</div>}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            Kompass är öppen programvara för Kommunkompassen, metoden för att utvärdera hur en
            kommun styrs och leds.
          </p>
          <p>
            <a href="/tillganglighet">Tillgänglighetsredogörelse</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page to a complete HTML document. */
export function renderPage(props: LayoutProps): string {
  return `<!doctype html>${renderToString(<Layout {...props} />)}`;
}
