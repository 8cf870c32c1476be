/**
 * A minimal browser over `fetch` for tests and the load benchmark that talk to a real server:
 * signs in through /logga-in (anonymous CSRF cookie, then the session cookie), reads the hidden
 * fields of a workspace form (`_csrf`, `version`, `seen`) and posts forms without following
 * redirects (a 303 is the answer to check).
 */

export interface FormState {
  csrf: string;
  version: number;
  seen: number;
}

/** The `name=value` pairs of the response's Set-Cookie headers. */
function cookiesOf(response: Response): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';');
    const at = pair.indexOf('=');
    if (at > 0) cookies[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return cookies;
}

/** The value of the hidden input `name` in `html`, or undefined. */
export function hiddenField(html: string, name: string): string | undefined {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1];
}

/** The hidden fields every workspace edit form carries; throws when the page has none. */
export function formStateOf(html: string): FormState {
  const csrf = hiddenField(html, '_csrf');
  const version = Number(hiddenField(html, 'version'));
  const seen = Number(hiddenField(html, 'seen'));
  if (!csrf || !Number.isInteger(version) || !Number.isInteger(seen)) {
    throw new Error(`the page has no edit form (csrf, version, seen): ${html.slice(0, 300)}`);
  }
  return { csrf, version, seen };
}

/**
 * Signs in as `email` and returns the Cookie header value carrying the session
 * (`kompass_session=…`). Throws with the status when the server does not answer 303.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/logga-in`);
  const anonymous = cookiesOf(page);
  const csrf = hiddenField(await page.text(), '_csrf');
  if (!csrf) throw new Error('the sign-in page has no CSRF field');
  const cookie = Object.entries(anonymous)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  const response = await fetch(`${baseUrl}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  const session = cookiesOf(response).kompass_session;
  if (response.status !== 303 || !session) {
    throw new Error(`sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  }
  return `kompass_session=${session}`;
}

/** GETs `path` with the cookie; returns status and body. */
export async function getPage(
  baseUrl: string,
  path: string,
  cookie: string,
): Promise<{ status: number; html: string }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

/** POSTs `fields` form-encoded with the cookie, without following a redirect. */
export async function postForm(
  baseUrl: string,
  path: string,
  cookie: string,
  fields: Record<string, string>,
): Promise<{ status: number; html: string; location: string | null }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: response.status,
    html: await response.text(),
    location: response.headers.get('location'),
  };
}
