import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { toFieldErrors } from '../../domain/events.js';
import { InvalidInputError } from '../../plans/errors.js';

// Reading what an API client sent. A body must be a JSON object sent as
// application/json: anything else is refused with a problem that says how to
// fix it, before any of it reaches the plan service.

const isJson = (type: string | undefined) => /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(type ?? '');

/** The request body as a JSON object: 415 when not sent as JSON, 400 when not JSON at all, 422 when not an object. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  if (!isJson(c.req.header('content-type'))) {
    throw new HTTPException(415, { message: 'Send the body as JSON, with the header Content-Type: application/json.' });
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new HTTPException(400, { message: 'The body is not valid JSON. Check for a missing quote, comma or bracket.' });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError([{ path: '', message: 'Send the fields as one JSON object, like {"type": "COMMENT", "version": 3, "text": "…"}' }]);
  }
  return body as Record<string, unknown>;
}

/** Parse input with a schema, or refuse it (422) with one message per field. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(toFieldErrors(result.error));
  return result.data;
}
