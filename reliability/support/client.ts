// A person's browser against a server process: cookies by hand, forms and JSON.

export interface HttpSession {
  cookie: string;
  csrfToken: string;
}

const cookieOf = (res: Response, name: string) => new RegExp(`${name}=([^;]+)`).exec(res.headers.get('set-cookie') ?? '')?.[1];

/** Sign in through the JSON API; the session opens the pages too. */
export async function signInHttp(base: string, email: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: `plans_session=${cookieOf(res, 'plans_session')}`, csrfToken };
}

export function postForm(base: string, session: HttpSession, path: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrfToken, ...form }),
  });
}

export function callApi(base: string, session: HttpSession, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** How hard the suite pushes: CI runs the quick profile, RELIABILITY_PROFILE=full runs longer. */
export const full = process.env.RELIABILITY_PROFILE === 'full';
