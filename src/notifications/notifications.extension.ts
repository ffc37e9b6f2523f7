import type { Config } from '../config.js';
import { meetingCalendar } from '../documents/meeting-calendar.js';
import type { PlanExtensions } from '../plans/plan.service.js';
import { markDone } from './done.js';
import { notifyChange, type MeetingCalendar } from './notify.js';
import { keepSignatureTimers } from './signature-timers.js';
import { keepMediationTimer } from './mediation-timers.js';
import { keepTimers, startWaitTimers } from './timers.js';

/** The supervisor meeting as an invitation (METHOD:REQUEST), as calendar programs expect of one sent by email. */
const meetingInvitation: MeetingCalendar = (db, snapshot) => meetingCalendar(db, snapshot, { method: 'REQUEST' });

/**
 * Writes the wait's due date, the plan's next reminder timer, the signatories'
 * timers and the outbox rows in the transaction of each transition, after
 * marking done what the change answered. `meetingCalendar` makes the .ics sent
 * with the supervisor meeting's email (replaceable in tests).
 */
export function notificationsExtension(deps: { config: Config; meetingCalendar?: MeetingCalendar }): PlanExtensions {
  const calendar = deps.meetingCalendar ?? meetingInvitation;
  return {
    onTransition: [async (change) => {
      await keepTimers(change, deps.config);
      await keepSignatureTimers(change, deps.config);
      await keepMediationTimer(change, deps.config);
      await markDone(change);
      await notifyChange(change, deps.config, calendar);
    }],
    // A new plan already waits on its clinician: with DUE_DAYS_IDEA set, that wait has a due date too.
    onCreate: [({ trx, planId, snapshot }) => startWaitTimers(trx, planId, snapshot, deps.config, true)],
  };
}
