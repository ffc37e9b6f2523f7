import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

// Placeholder: the documents API of DESIGN section 6 (built in its own change).
export const documentsApi = new Hono<AppEnv>();
