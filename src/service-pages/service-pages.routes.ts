import { Hono, type Context } from 'hono';
import type { Config } from '../config.js';
import type { AppEnv } from '../http/context.js';
import { VISITOR_COOKIE } from '../http/middleware/csrf.js';
import { SESSION_COOKIE } from '../http/middleware/session.js';
import { renderPage } from '../http/render.js';
import { OIDC_COOKIE } from '../oidc/oidc.routes.js';
import { defaultLeadTimes } from '../planning/timeline.js';
import { formatMinutes } from '../presenters/format.js';
import { contactsOf } from './contacts.js';
import { daysBeforeDeadline, journeySteps } from './journey.js';

// The pages every NHS service needs, for everyone, signed in or not: the start
// page (at /, for visitors: the dashboard route sends them here), help, the
// accessibility statement, the privacy notice and the cookies page. Each is
// linked from the footer of every page.

type Ctx = Context<AppEnv>;

/** The start page: what the service is for, who uses it, its steps and how long they usually take. */
export function renderStartPage(c: Ctx) {
  const { config } = c.get('services');
  return renderPage(c, 'service/start', {
    title: 'Plan research training alongside your clinical work',
    steps: journeySteps('everyone', defaultLeadTimes),
    before: daysBeforeDeadline(defaultLeadTimes),
    contacts: contactsOf(config),
  });
}

/** How long a sign-in lasts, from the settings: for the privacy notice and the cookies page alike. */
const signInLasts = (config: Config) => ({ length: formatMinutes(config.SESSION_HOURS * 60), idle: formatMinutes(config.SESSION_IDLE_MINUTES) });

/** The cookies this service sets, with their real lifetimes from the settings. */
function cookies(c: Ctx) {
  const { config } = c.get('services');
  const lasts = signInLasts(config);
  const list = [
    {
      name: SESSION_COOKIE,
      purpose: 'Keeps you signed in, so the service knows who you are from page to page.',
      expires: `When you sign out, after ${lasts.length}, or after ${lasts.idle} without using the service`,
    },
    {
      name: VISITOR_COOKIE,
      purpose: 'Protects the sign-in form, so that another website cannot send it in your name.',
      expires: 'When you close your browser',
    },
  ];
  if (config.OIDC_ISSUER) {
    list.push({
      name: OIDC_COOKIE,
      purpose: "Remembers where you were while you sign in with your organisation's account.",
      expires: 'When you come back from signing in, or after 10 minutes',
    });
  }
  return list.map((cookie) => ({ name: cookie.name, rows: [{ key: 'Purpose', value: cookie.purpose }, { key: 'Expires', value: cookie.expires }] }));
}

export const servicePageRoutes = new Hono<AppEnv>()
  .get('/help', (c) => renderPage(c, 'service/help', {
    title: 'Help with this service', contacts: contactsOf(c.get('services').config), lockMinutes: formatMinutes(c.get('services').config.LOGIN_LOCK_MINUTES),
  }))
  .get('/accessibility', (c) => renderPage(c, 'service/accessibility', {
    title: 'Accessibility statement', contacts: contactsOf(c.get('services').config), appUrl: c.get('services').config.APP_URL,
  }))
  .get('/privacy', (c) => {
    const { config } = c.get('services');
    return renderPage(c, 'service/privacy', {
      title: 'Privacy notice', contacts: contactsOf(config),
      sessionLength: signInLasts(config).length, idle: signInLasts(config).idle,
      // Housekeeping deletes counts whose window began more than two lock periods ago.
      attempts: formatMinutes(Math.ceil(2 * config.LOGIN_LOCK_MINUTES)),
    });
  })
  .get('/cookies', (c) => renderPage(c, 'service/cookies', { title: 'Cookies', cookies: cookies(c) }));
