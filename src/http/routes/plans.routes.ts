import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

export const planRoutes = new Hono<AppEnv>();
