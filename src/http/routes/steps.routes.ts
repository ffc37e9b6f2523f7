import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

// Placeholder: the form for every event is built in its own change.
export const stepRoutes = new Hono<AppEnv>();
