import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

// Placeholder: notifications and the development mailbox (built in their own change).
export const notificationRoutes = new Hono<AppEnv>();
