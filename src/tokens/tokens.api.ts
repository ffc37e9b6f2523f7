import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../http/context.js';
import { requireAdmin } from '../http/admin-only.js';
import { parseOrRefuse, readJsonObject } from '../http/api/request.js';
import { newTokenSchema } from './token-scopes.js';
import { insertToken, listTokens, revokeToken } from './tokens.repository.js';

// Administrators manage their trust's API tokens (DESIGN section 13). The
// token itself is in the 201 answer and nowhere else, ever.

export const tokensApi = new Hono<AppEnv>()
  .post('/v1/admin/tokens', async (c) => {
    const admin = requireAdmin(c, 'api');
    const input = parseOrRefuse(newTokenSchema, await readJsonObject(c));
    const { db, clock } = c.get('services');
    const created = await insertToken(db.kysely, {
      organisationId: admin.organisationId, name: input.name, scopes: input.scopes, createdBy: admin.id, at: clock().toISOString(),
    });
    c.header('Cache-Control', 'no-store');
    return c.json(created, 201);
  })
  .get('/v1/admin/tokens', async (c) => {
    const admin = requireAdmin(c, 'api');
    const rows = await listTokens(c.get('services').db.kysely, admin.organisationId);
    return c.json({
      tokens: rows.map((row) => ({
        id: row.id, name: row.name, scopes: row.scopes.split(' '), createdAt: row.created_at, createdBy: row.created_by_name,
        lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
      })),
    });
  })
  .delete('/v1/admin/tokens/:id', async (c) => {
    const admin = requireAdmin(c, 'api');
    const { db, clock } = c.get('services');
    if (!(await revokeToken(db.kysely, admin.organisationId, c.req.param('id'), clock().toISOString()))) {
      throw new HTTPException(404, { message: 'Your trust has no API token with this id.' });
    }
    return c.body(null, 204);
  });
