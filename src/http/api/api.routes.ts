import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

// Placeholder: the JSON API v1 is built in its own change.
export const apiRoutes = new Hono<AppEnv>();
