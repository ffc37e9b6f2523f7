import { Hono, type Context } from 'hono';
import { colleagues, currentCover, nameCover, stopCover } from '../../plans/cover.service.js';
import { InvalidInputError } from '../../plans/errors.js';
import { formatDate } from '../../presenters/format.js';
import { field, readForm } from '../body.js';
import type { AppEnv } from '../context.js';
import { isoDate, dayMonthYear } from '../forms/fields.js';
import { renderPage, requireUser } from '../render.js';

// /account/cover: naming a colleague to act for you on your plans while you
// are away, and ending it (DESIGN section 11).

type Ctx = Context<AppEnv>;

async function coverPage(c: Ctx, values: Record<string, unknown> = {}, errors: Record<string, string> = {}, status = 200) {
  const user = requireUser(c);
  const { db } = c.get('services');
  const cover = await currentCover(db, user);
  const people = await colleagues(db, user);
  const delegate = cover && people.find((p) => p.id === cover.delegateId);
  return renderPage(c, 'account/cover', {
    title: 'Cover while you are away', values, errors,
    cover: cover && { name: delegate?.name ?? 'A colleague', from: formatDate(cover.startsOn), to: formatDate(cover.endsOn) },
    people: [{ value: '', text: 'Choose a colleague' }, ...people.map((p) => ({ value: p.id, text: p.name }))],
    flash: c.req.query('done') === 'set' ? 'Your cover is set' : c.req.query('done') === 'ended' ? 'Your cover has ended' : null,
    backLink: { href: '/', text: 'Back to your plans' },
  }, status);
}

export const coverRoutes = new Hono<AppEnv>()
  .get('/account/cover', (c) => coverPage(c))
  .post('/account/cover', async (c) => {
    const user = requireUser(c);
    const body = await readForm(c);
    const typed = { delegateId: field(body, 'delegateId'), from: dayMonthYear(body as never, 'from'), to: dayMonthYear(body as never, 'to') };
    try {
      const { db, clock } = c.get('services');
      await nameCover(db, user, { delegateId: typed.delegateId, from: isoDate(typed.from) ?? '', to: isoDate(typed.to) ?? '' }, clock());
      return c.redirect('/account/cover?done=set', 303);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return coverPage(c, typed, Object.fromEntries(error.errors.map((e) => [e.path, e.message])), 422);
    }
  })
  .post('/account/cover/end', async (c) => {
    await stopCover(c.get('services').db, requireUser(c));
    return c.redirect('/account/cover?done=ended', 303);
  });
