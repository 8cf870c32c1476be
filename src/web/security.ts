/**
 * Security headers, configured on purpose rather than taken from helmet's defaults (which add
 * HSTS and `upgrade-insecure-requests` and so break plain-HTTP intranet installs).
 *
 * The Content Security Policy allows only this origin and no inline script or style: pages work
 * without JavaScript, and any script added later must be a file under `/static/`.
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { WebConfig } from './config.ts';

/** One year, the usual HSTS lifetime once a site is known to stay on HTTPS. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The CSP directives; `upgrade-insecure-requests` only when the app is reached over HTTPS. */
export function contentSecurityDirectives(config: WebConfig): Record<string, string[]> {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
  };
  if (config.tls) directives['upgrade-insecure-requests'] = [];
  return directives;
}

/** Options for `@fastify/helmet`. */
export function helmetOptions(config: WebConfig): FastifyHelmetOptions {
  return {
    global: true,
    enableCSPNonces: false,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityDirectives(config) },
    hsts: config.tls ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  };
}
