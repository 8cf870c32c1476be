/**
 * How the web app is deployed, read once from the environment. Kompass runs on plain HTTP on an
 * intranet as well as behind a TLS-terminating proxy; what differs (HSTS, upgrading requests,
 * Secure cookies, trusting X-Forwarded-*) is set here on purpose, never by a library default.
 */

export interface WebConfig {
  /**
   * Users reach the app over HTTPS (directly or through a proxy that terminates TLS). Turns on
   * HSTS and `upgrade-insecure-requests`, and is what session cookies read for `Secure`.
   */
  tls: boolean;
  /** Trust `X-Forwarded-For/-Proto/-Host` from a reverse proxy in front of the app. */
  trustProxy: boolean;
}

export const DEFAULT_WEB_CONFIG: WebConfig = { tls: false, trustProxy: false };

/** A setting that is neither true nor false; the message says which variable and what it takes. */
export class WebConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebConfigError';
  }
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

function flag(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  throw new WebConfigError(`${name}=${env[name]} is not understood; use true or false`);
}

/**
 * Reads `KOMPASS_TLS` and `KOMPASS_TRUST_PROXY` (true/false, 1/0, yes/no, on/off). Both default to
 * false: a plain-HTTP install must not send HSTS or ask browsers to upgrade to HTTPS.
 *
 * @example
 * webConfigFromEnv({ KOMPASS_TLS: 'true', KOMPASS_TRUST_PROXY: '1' }); // { tls: true, trustProxy: true }
 */
export function webConfigFromEnv(env: Readonly<Record<string, string | undefined>>): WebConfig {
  return {
    tls: flag(env, 'KOMPASS_TLS') ?? DEFAULT_WEB_CONFIG.tls,
    trustProxy: flag(env, 'KOMPASS_TRUST_PROXY') ?? DEFAULT_WEB_CONFIG.trustProxy,
  };
}
