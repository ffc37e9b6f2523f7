import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

export type FormBody = Record<string, string | File | Array<string | File>>;

/** The submitted form; a body that is not a readable form is the sender's mistake (400), not ours. */
export async function readForm(c: Context): Promise<FormBody> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new HTTPException(400, { message: 'The form could not be read. Go back and try again.' });
  }
}

/** One field's text, or '' when it is missing or sent more than once. */
export const field = (body: FormBody, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : '';
};
