import { describe, expect, it } from 'vitest';
import { WebConfigError, webConfigFromEnv } from './config.ts';
import { helmetOptions } from './security.ts';

describe('deployment settings', () => {
  it('defaults to plain HTTP without a proxy: no HSTS', () => {
    const config = webConfigFromEnv({});
    expect(config).toEqual({ tls: false, trustProxy: false });
    expect(helmetOptions(config).hsts).toBe(false);
  });

  it('reads KOMPASS_TLS and KOMPASS_TRUST_PROXY in the usual spellings', () => {
    expect(webConfigFromEnv({ KOMPASS_TLS: 'true', KOMPASS_TRUST_PROXY: '1' })).toEqual({
      tls: true,
      trustProxy: true,
    });
    expect(webConfigFromEnv({ KOMPASS_TLS: 'No', KOMPASS_TRUST_PROXY: ' ' })).toEqual({
      tls: false,
      trustProxy: false,
    });
  });

  it('refuses a value it does not understand, naming the variable', () => {
    expect(() => webConfigFromEnv({ KOMPASS_TLS: 'maybe' })).toThrow(WebConfigError);
    expect(() => webConfigFromEnv({ KOMPASS_TLS: 'maybe' })).toThrow(
      'KOMPASS_TLS=maybe is not understood; use true or false',
    );
  });
});
