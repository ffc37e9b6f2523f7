import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

// Placeholder: GET /api/v1/notifications (built in its own change).
export const notificationsApi = new Hono<AppEnv>();
