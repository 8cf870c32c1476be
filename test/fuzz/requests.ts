/**
 * Builds the fuzzers' requests: form bodies with repeated keys and raw bytes, multipart bodies,
 * JSON with the wrong types, and the mutations applied to a form's real fields.
 */
import type { InjectOptions } from 'fastify';
import type { FormField } from './html.ts';
import { hostileValue, invalidUtf8 } from './payloads.ts';
import { int, pick, type Random } from './random.ts';

/** A field value: text (sent as UTF-8) or raw bytes. */
export type Value = string | Buffer;
export type Pairs = Array<[string, Value]>;

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Percent-encodes bytes as a browser does for a form (space as +). */
function percentEncode(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (byte < 0x80 && UNRESERVED.test(char)) out += char;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const bytesOf = (value: Value) => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

/** An url-encoded body; with `raw`, byte values go in unencoded (not even valid url-encoding). */
export function urlencoded(pairs: Pairs, raw = false): Buffer {
  const parts = pairs.map(([name, value]) => {
    const encodedValue =
      raw && Buffer.isBuffer(value) ? value : Buffer.from(percentEncode(bytesOf(value)), 'latin1');
    return Buffer.concat([Buffer.from(`${percentEncode(bytesOf(name))}=`, 'latin1'), encodedValue]);
  });
  const joined: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) joined.push(Buffer.from('&'));
    joined.push(part);
  });
  return Buffer.concat(joined);
}

export interface UploadPart {
  field: string;
  filename: Value;
  type: string;
  data: Buffer;
}

/** A multipart/form-data body and its content type. */
export function multipart(pairs: Pairs, file?: UploadPart): { body: Buffer; type: string } {
  const boundary = '----kompassfuzz7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const [name, value] of pairs) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
      bytesOf(value),
      Buffer.from('\r\n'),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="`,
      ),
      bytesOf(file.filename),
      Buffer.from(`"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** A JSON value of a type no form field has. */
function wrongType(random: Random): unknown {
  return pick(random, [
    () => [hostileValue(random), hostileValue(random)],
    () =>
      JSON.parse(
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      ) as unknown,
    () => ({ nested: hostileValue(random) }),
    () => int(random, 2) === 0,
    () => null,
    () => 1e308 * (int(random, 2) === 0 ? 1 : -1),
    () => -int(random, 1_000_000),
    () => [[[[]]]],
    () => hostileValue(random),
  ])();
}

/** The values a form sends as it is: hidden and typed values, selected options, ticked boxes. */
export function baselinePairs(fields: readonly FormField[]): Pairs {
  const pairs: Pairs = [];
  for (const field of fields) {
    if (field.name === '_csrf' || field.type === 'file' || field.type === 'submit') continue;
    if ((field.type === 'checkbox' || field.type === 'radio') && !field.checked) continue;
    pairs.push([field.name, field.value]);
  }
  return pairs;
}

export interface FuzzCase {
  /** What was done, for the failure message. */
  what: string;
  options: InjectOptions;
  /** An oversized body: 413 is the only right answer. */
  oversized?: boolean;
}

let BIG_FILE: Buffer | undefined;
let BIG_TEXT: string | undefined;

const POST_MUTATIONS = [
  'one field hostile',
  'every field hostile',
  'a field repeated',
  'unexpected fields',
  'a field missing',
  'invalid UTF-8, percent-encoded',
  'invalid UTF-8, raw bytes',
  'JSON with wrong types',
  'text/plain body',
  'no content type',
  'form body declared as XML',
  'oversized body',
  'hostile path parameter',
] as const;

/** A hostile segment for a path parameter. */
export function hostileSegment(random: Random): string {
  return encodeURIComponent(
    pick(random, [
      "' OR 1=1--",
      '-1',
      '99999999999999999999999',
      'NaN',
      '..',
      '%00',
      '<script>x</script>',
      '00000000-0000-0000-0000-000000000000',
      'a'.repeat(190),
      '💩',
    ]),
  ).replace(/%25/g, pick(random, ['%25', '%']));
}

/** Replaces one path segment that was a parameter in `pattern` with a hostile one. */
export function withHostileParameter(random: Random, pattern: string, url: string): string {
  const patternParts = pattern.split('/');
  const parts = url.split('/');
  const params = patternParts.flatMap((part, index) => (part.startsWith(':') ? [index] : []));
  if (params.length === 0) return `${url}/${hostileSegment(random)}`;
  parts[pick(random, params)] = hostileSegment(random);
  return parts.join('/');
}

/**
 * One mutated POST to `url` with the form's baseline fields, the session's CSRF token (in the
 * field, and in the header where the body may not be a form) and its cookies.
 */
export function postCase(
  random: Random,
  input: {
    pattern: string;
    url: string;
    fields: Pairs;
    csrf: string;
    cookies: Record<string, string>;
    upload: boolean;
  },
): FuzzCase {
  const mutation = pick(random, POST_MUTATIONS);
  const pairs: Pairs = input.fields.map(([name, value]) => [name, value]);
  const names = () => pairs.map(([name]) => name);
  const someIndex = () => int(random, Math.max(1, pairs.length));
  let url = input.url;
  let what: string = mutation;
  switch (mutation) {
    case 'one field hostile': {
      const index = someIndex();
      const value = hostileValue(random);
      if (pairs[index]) pairs[index] = [pairs[index][0], value];
      else pairs.push(['text', value]);
      what += ` (${pairs[index]?.[0] ?? 'text'}=${JSON.stringify(value.slice(0, 60))})`;
      break;
    }
    case 'every field hostile':
      for (const pair of pairs) pair[1] = hostileValue(random);
      break;
    case 'a field repeated': {
      const name = pick(random, [...names(), 'version']);
      const copies = 1 + int(random, 50);
      for (let i = 0; i < copies; i += 1) pairs.push([name, hostileValue(random)]);
      what += ` (${name} ×${String(copies + 1)})`;
      break;
    }
    case 'unexpected fields':
      pairs.push(
        ['__proto__[polluted]', 'ja'],
        ['constructor[prototype][polluted]', 'ja'],
        [`${pick(random, [...names(), 'x'])}[]`, hostileValue(random)],
        ['a[b][c][d]', hostileValue(random)],
        [hostileValue(random).slice(0, 200) || 'tom', hostileValue(random)],
      );
      break;
    case 'a field missing':
      if (pairs.length > 0) what += ` (${pairs.splice(someIndex(), 1)[0]?.[0] ?? ''})`;
      break;
    case 'invalid UTF-8, percent-encoded':
    case 'invalid UTF-8, raw bytes': {
      const index = someIndex();
      const bytes = Buffer.concat([Buffer.from('åäö'), invalidUtf8(random), Buffer.from('x')]);
      if (pairs[index]) pairs[index] = [pairs[index][0], bytes];
      else pairs.push(['text', bytes]);
      break;
    }
    case 'hostile path parameter':
      url = withHostileParameter(random, input.pattern, input.url);
      what += ` (${url})`;
      break;
    default:
      break;
  }
  const headers: Record<string, string> = {};
  let payload: Buffer | string;
  const withToken: Pairs = [['_csrf', input.csrf], ...pairs];
  if (mutation === 'JSON with wrong types') {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = input.csrf;
    payload = JSON.stringify({
      _csrf: input.csrf,
      ...Object.fromEntries(pairs.map(([name]) => [name, wrongType(random)])),
    });
  } else if (mutation === 'text/plain body' || mutation === 'no content type') {
    headers['x-csrf-token'] = input.csrf;
    if (mutation === 'text/plain body') headers['content-type'] = 'text/plain; charset=utf-8';
    payload = urlencoded(withToken);
  } else if (mutation === 'form body declared as XML') {
    headers['x-csrf-token'] = input.csrf;
    headers['content-type'] = 'application/xml';
    payload = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`;
  } else if (mutation === 'oversized body') {
    if (input.upload) {
      // A file one byte over the upload limit (10 MB).
      const { body, type } = multipart(withToken, {
        field: 'file',
        filename: 'stor.pdf',
        type: 'application/pdf',
        data: (BIG_FILE ??= Buffer.alloc(10 * 1024 * 1024 + 1, 0x25)),
      });
      headers['content-type'] = type;
      payload = body;
    } else {
      // Over the 1 MiB limit for form bodies.
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = urlencoded([...withToken, ['notes', (BIG_TEXT ??= 'x'.repeat(1024 * 1024 + 1))]]);
    }
  } else if (input.upload) {
    const { body, type } = multipart(withToken, {
      field: 'file',
      filename: pick(random, [
        '"><img src=x onerror=alert(1)>.pdf',
        '../../../etc/passwd',
        Buffer.from([0xff, 0xfe, 0x2e, 0x70, 0x64, 0x66]),
        'a'.repeat(5000),
        'budget.pdf',
      ]),
      type: pick(random, ['application/pdf', 'text/html', 'image/svg+xml', '']),
      data: Buffer.from(pick(random, ['<script>alert(1)</script>', '%PDF-1.4', ''])),
    });
    headers['content-type'] = type;
    payload = body;
  } else {
    headers['content-type'] = pick(random, [
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=utf-8',
      'application/x-www-form-urlencoded; charset=iso-8859-1',
    ]);
    payload = urlencoded(withToken, mutation === 'invalid UTF-8, raw bytes');
  }
  return {
    what,
    oversized: mutation === 'oversized body',
    options: { method: 'POST', url, headers, cookies: input.cookies, payload },
  };
}

/** Query names every GET is tried with, besides those its pages and the API document name. */
export const COMMON_QUERY_NAMES = [
  'q',
  'lan',
  'id',
  'year',
  'edition',
  'municipality',
  'limit',
  'offset',
  'page',
  'format',
  'from',
  'to',
  'next',
];

const BROKEN_ESCAPES = ['%', '%z', '%zz', '%ff%fe', '%c0%af', '%ed%a0%80', '%00', '%u0041', '%%'];

/** One GET with hostile query parameters (or a hostile path parameter). */
export function getCase(
  random: Random,
  input: {
    pattern: string;
    url: string;
    names: readonly string[];
    cookies: Record<string, string>;
  },
): FuzzCase {
  const choice = int(random, 6);
  if (choice === 0) {
    const url = withHostileParameter(random, input.pattern, input.url);
    return {
      what: `hostile path (${url})`,
      options: { method: 'GET', url, cookies: input.cookies },
    };
  }
  const pairs: string[] = [];
  const count = 1 + int(random, 4);
  for (let i = 0; i < count; i += 1) {
    const name = pick(random, input.names);
    const repeat = choice === 1 ? 2 + int(random, 20) : 1;
    for (let r = 0; r < repeat; r += 1) {
      const value =
        choice === 2
          ? pick(random, BROKEN_ESCAPES)
          : percentEncode(Buffer.from(hostileValue(random).slice(0, 2000), 'utf8'));
      pairs.push(`${encodeURIComponent(name)}${choice === 3 ? '[]' : ''}=${value}`);
    }
  }
  const url = `${input.url}?${pairs.join('&')}`;
  return {
    what: `query ${url.length > 200 ? `${url.slice(0, 200)}…` : url}`,
    options: { method: 'GET', url, cookies: input.cookies },
  };
}
