/**
 * Reading numeric settings from the environment, with one message for a bad value wherever
 * it is read (database pool, web admission control).
 */

/**
 * The whole number above 0 in `env[name]`, or `fallback` when it is unset or blank; a value
 * that is not one is refused through `fail`, with a message naming the variable and the default.
 *
 * @example
 * wholeNumberSetting({ KOMPASS_DB_WAIT_MS: '2000' }, 'KOMPASS_DB_WAIT_MS', 5000, (m) => new Error(m)); // 2000
 */
export function wholeNumberSetting(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  fail: (message: string) => Error,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw fail(
      `${name} must be a whole number above 0, got "${raw}"; unset it for the default ${String(fallback)}`,
    );
  }
  return value;
}
