import { and, or } from 'xstate';
import { fieldsOf, meta, stamp, update, waits, when, whileOpen } from './common.js';
import { issue } from './sign-off.js';

// Step 5, the supervisor meeting: the clinician or manager arranges it (again
// to rearrange), and after it the clinician, the manager or the plan's
// supervisor records what was agreed.

export const meetingGuards = {
  isMeetingInFuture: when('SCHEDULE_MEETING', (_, e) => Date.parse(e.startsAt) > Date.parse(e.at)),
};

export const meetingActions = {
  scheduleMeeting: update('SCHEDULE_MEETING', (context, e) => {
    const { supervisorUserId, ...schedule } = fieldsOf(e);
    return {
      supervisorId: supervisorUserId ?? context.supervisorId,
      meeting: { ...schedule, supervisorUserId, sequence: (context.meeting?.sequence ?? -1) + 1, ...stamp(e) },
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
          guard: or(['isPlanClinician', 'isPlanManager', 'isPlanSupervisor']),
          target: '#plan.application',
          actions: ['recordMeeting', issue('meeting-record')],
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
