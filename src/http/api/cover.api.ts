import { Hono } from 'hono';
import { z } from 'zod';
import { currentCover, nameCover, stopCover } from '../../plans/cover.service.js';
import type { AppEnv } from '../context.js';
import { requireUser } from '../render.js';
import { readJsonObject } from './request.js';

// PUT /api/v1/me/cover names a colleague to cover for the caller between two
// dates; DELETE ends it; GET says what is set (DESIGN section 11).

export const coverResponseSchema = z.object({
  cover: z.object({ delegateId: z.string(), from: z.string(), to: z.string() }).nullable(),
});

const shown = (cover: { delegateId: string; startsOn: string; endsOn: string } | undefined) =>
  ({ cover: cover ? { delegateId: cover.delegateId, from: cover.startsOn, to: cover.endsOn } : null });

export const coverApi = new Hono<AppEnv>()
  .get('/v1/me/cover', async (c) => c.json(shown(await currentCover(c.get('services').db, requireUser(c)))))
  .put('/v1/me/cover', async (c) => {
    const { db, clock } = c.get('services');
    const cover = await nameCover(db, requireUser(c), await readJsonObject(c), clock());
    return c.json(shown(cover));
  })
  .delete('/v1/me/cover', async (c) => {
    await stopCover(c.get('services').db, requireUser(c));
    return c.body(null, 204);
  });
