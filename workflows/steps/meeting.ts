import { and, or } from 'xstate';
import { londonDate } from '../plan.dates.js';
import { fieldsOf, meta, stamp, update, waits, when, whileOpen } from './common.js';
import { issue } from './documents.js';

// Step 5, the supervisor meeting: the clinician or manager arranges it (again
// to rearrange, which may change the supervisor: the previous one no longer
// takes part), and after it the clinician, the manager or the plan's
// supervisor records what was agreed and when it took place, which issues the
// meeting record and both letters of support.

export const meetingGuards = {
  isMeetingInFuture: when('SCHEDULE_MEETING', (_, e) => Date.parse(e.startsAt) > Date.parse(e.at)),
  /** A meeting is recorded only once it has happened: not after today, not before R&D signed off. */
  isHeldOnPossible: when('RECORD_MEETING', (context, e) =>
    e.heldOn <= londonDate(e.at) && (!context.signOff || e.heldOn >= londonDate(context.signOff.at))),
};

export const meetingActions = {
  scheduleMeeting: update('SCHEDULE_MEETING', (context, e) => {
    const { supervisorUserId, supervisorAccount, ...schedule } = fieldsOf(e);
    // When the email is an account's, that account's name is the one the plan uses from now on.
    const named = supervisorAccount ? { supervisorName: supervisorAccount.name, supervisorOrganisation: supervisorAccount.organisation } : {};
    return {
      supervisorId: supervisorUserId,
      meeting: { ...schedule, ...named, supervisorUserId, sequence: (context.meeting?.sequence ?? -1) + 1, ...stamp(e) },
    };
  }),
  recordMeeting: update('RECORD_MEETING', (_, e) => ({ meetingRecord: { ...fieldsOf(e), ...stamp(e) } })),
};

export const supervisorMeeting = {
  meta: meta({ step: 'meeting', awaiting: 'clinician' }),
  initial: 'toSchedule',
  states: {
    toSchedule: waits,
    scheduled: {
      ...waits,
      meta: meta({ step: 'meeting', awaiting: 'supervisor' }),
      on: {
        RECORD_MEETING: {
          guard: and([or(['isPlanClinician', 'isPlanManager', 'isPlanSupervisor']), 'isHeldOnPossible']),
          target: '#plan.application',
          actions: ['recordMeeting', ...issue('meeting-record'), ...issue('letter-of-support'), ...issue('supervisor-letter')],
        },
      },
    },
  },
  on: {
    ...whileOpen,
    SCHEDULE_MEETING: {
      guard: and([or(['isPlanClinician', 'isPlanManager']), 'isMeetingInFuture']),
      target: '.scheduled',
      actions: 'scheduleMeeting',
    },
  },
} as const;
