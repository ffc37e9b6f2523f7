import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { renderPage, requireUser } from '../render.js';

export const dashboardRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    const user = requireUser(c);
    return renderPage(c, 'dashboard', { title: 'Your plans', heading: `Hello ${user.name}` });
  });
