import type { TestApp } from '../support/app.js';

// A browser in miniature for the single sign-on tests: it follows redirects
// between the app (driven with app.request at APP_URL) and the real identity
// provider (over HTTP on the loopback), keeping each site's cookies.

type Jar = Map<string, string>;

function keep(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const at = pair!.indexOf('=');
    const name = pair!.slice(0, at).trim();
    const value = pair!.slice(at + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

const header = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export class MiniBrowser {
  readonly app: Jar = new Map();
  readonly provider: Jar = new Map();
  /** Every address visited, in order. */
  readonly visited: string[] = [];

  constructor(private readonly t: TestApp, private readonly appUrl: string) {}

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    this.visited.push(url);
    const toApp = url.startsWith(this.appUrl);
    const jar = toApp ? this.app : this.provider;
    const headers: Record<string, string> = { cookie: header(jar) };
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const options = { method: init.method ?? 'GET', headers, ...(init.form ? { body: new URLSearchParams(init.form) } : {}) };
    const res = toApp ? await this.t.app.request(url, options) : await fetch(url, { ...options, redirect: 'manual' });
    keep(jar, res);
    return res;
  }

  /** Request, then follow redirects until a page that is not one; returns it and where it is. */
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ res: Response; url: string }> {
    let res = await this.request(url, init);
    let at = url;
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      at = new URL(res.headers.get('location')!, at).href;
      // The app's own redirect to "/" after signing in ends the sign-in.
      if (at === `${this.appUrl}/` || at.startsWith(`${this.appUrl}/sign-in`)) return { res, url: at };
      res = await this.request(at);
    }
    return { res, url: at };
  }

  /** On the provider's development pages: sign in as `login`, then give consent. Returns the app's answer. */
  async signInAtProvider(start: string, login: string): Promise<{ res: Response; url: string }> {
    const loginPage = await this.go(start);
    const html = await loginPage.res.text();
    if (!html.includes('name="login"')) throw new Error(`Expected the provider's login form at ${loginPage.url}: ${html.slice(0, 300)}`);
    let step = await this.go(loginPage.url, { method: 'POST', form: { prompt: 'login', login, password: 'anything' } });
    if (!step.url.startsWith(this.appUrl)) {
      // The consent page.
      await step.res.text();
      step = await this.go(step.url, { method: 'POST', form: { prompt: 'consent' } });
    }
    return step;
  }
}
