import { londonDate } from '../../workflows/plan.dates.js';
import type { TransitionChange } from '../plans/plan.service.js';
import { coverOf } from '../plans/covers.repository.js';
import { coverCopy } from './news-messages.js';
import type { Notice } from './notice.js';
import { sameRecipient } from './recipients.js';
import type { Recipient } from './outbox.js';

// Cover (DESIGN section 11): while someone is away, the colleague covering
// for them gets a copy of whatever they are asked to do, marked as theirs, so
// it is done when they no longer have it to do. Nobody signs for someone else,
// so requests to authorise a document are not copied.

export async function coverCopies(change: TransitionChange, notices: Notice[], told: Array<{ to: Recipient; topic?: string }>): Promise<Notice[]> {
  const { trx, event } = change;
  const today = londonDate(event.at);
  const copies: Notice[] = [];
  for (const notice of notices) {
    if (!notice.topic || notice.topic.startsWith('sign:') || !notice.asked || !('userId' in notice.to)) continue;
    const absentId = notice.to.userId;
    const cover = await coverOf(trx, absentId);
    if (!cover || cover.startsOn > today || cover.endsOn < today) continue;
    const delegate: Recipient = { userId: cover.delegateId };
    if (cover.delegateId === event.actor.userId) continue;
    if (told.some((t) => sameRecipient(t.to, delegate) && t.topic === notice.topic)) continue;
    const absent = await trx.selectFrom('users').select('name').where('id', '=', absentId).executeTakeFirst();
    const active = await trx.selectFrom('users').select('deactivated_at').where('id', '=', cover.delegateId).executeTakeFirst();
    if (!absent || !active || active.deactivated_at) continue;
    told.push({ to: delegate, topic: notice.topic });
    copies.push({ ...notice, to: delegate, forUserId: absentId, message: coverCopy(notice.message, absent.name, cover.endsOn), calendar: null });
  }
  return copies;
}
