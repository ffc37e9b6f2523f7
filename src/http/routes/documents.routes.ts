import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

// Placeholder: document pages, downloads and authorisation (built in their own change).
export const documentRoutes = new Hono<AppEnv>();
