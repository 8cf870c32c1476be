/**
 * Hostile values for the fuzzers: markup and script, SQL metacharacters, numbers out of every
 * range, control characters, long strings, and malformed encodings. Each markup payload carries
 * a marker, so a page that turned one into markup is found by the marker.
 */
import { int, pick, type Random } from './random.ts';

/** Markup payloads; `MARKER` appears in each, so they can be found on the pages afterwards. */
export const MARKER = 'kx9q';

export const SCRIPT_PAYLOADS: readonly string[] = [
  `<script>window.${MARKER}=1</script>`,
  `<img src=x onerror="window.${MARKER}=2">`,
  `"><svg onload="window.${MARKER}=3">`,
  `'><script>window.${MARKER}=4</script>`,
  `</textarea><script>window.${MARKER}=5</script>`,
  `</title><script>window.${MARKER}=6</script>`,
  `" autofocus onfocus="window.${MARKER}=7" x="`,
  `javascript:window.${MARKER}=8`,
  `<a href="javascript:window.${MARKER}=9">länk</a>`,
  `<iframe srcdoc="<script>window.${MARKER}=10</script>"></iframe>`,
  `]]><!--<script>window.${MARKER}=11</script>-->`,
  `<style>body{display:none}</style>${MARKER}`,
];

const SQL: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE evaluations; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)--',
  "') UNION SELECT password_hash FROM users--",
  '%',
  '_',
  '\\',
  "O'Brien",
  '$1',
  '::text',
];

const NUMBERS: readonly string[] = [
  '-1',
  '0',
  '-0',
  '1e309',
  '-1e309',
  '9'.repeat(400),
  '99999999999999999999',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1,5',
  '1.5.5',
  '١٢',
  '+-3',
  '0.0000000000000000001',
  '1e-400',
  ' 7 ',
];

const TEXTS: readonly string[] = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31m',
  '\r\n\r\nX-Injected: 1',
  '\u202e\u2066',
  '\ud800',
  '\udfff',
  '💩'.repeat(50),
  'e\u0301'.repeat(100),
  'Å'.repeat(3000),
  '2024-02-30',
  '0000-00-00',
  '2024-13-01',
  '99999-01-01',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
];

/** One hostile text value. */
export function hostileValue(random: Random): string {
  switch (int(random, 6)) {
    case 0:
      return pick(random, SCRIPT_PAYLOADS);
    case 1:
      return pick(random, SQL);
    case 2:
      return pick(random, NUMBERS);
    case 3:
      return pick(random, TEXTS);
    case 4: {
      const length = pick(random, [300, 5000, 70_000, 300_000]);
      return pick(random, ['x', 'ä', '<', '\u0001', '😀']).repeat(length);
    }
    default: {
      // Random code units, lone surrogates included.
      return Array.from({ length: 1 + int(random, 40) }, () =>
        String.fromCharCode(int(random, 0x10000)),
      ).join('');
    }
  }
}

/** Raw bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, 0xff. */
export function invalidUtf8(random: Random): Buffer {
  return Buffer.from(
    pick(random, [
      [0xff, 0xfe],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xc3],
      [0xf4, 0x90, 0x80, 0x80],
    ]),
  );
}
