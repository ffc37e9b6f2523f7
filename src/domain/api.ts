import { z } from 'zod';
import { steps } from '../../workflows/plan.types.js';
import {
  agreeInPrincipleSchema, eventSchemas, ideaSchema, recordMeetingSchema, recordOutcomeSchema, scheduleMeetingSchema,
  signOffSchema, submitApplicationSchema, termsSchema, userEventTypes, type UserEventType,
} from './events.js';
import { choice, form, missing, requiredText, shapeOf } from './fields.js';
import { agendaPoints, keysOf, pointStatuses, roles } from './options.js';
import { checkSchema } from '../schemes/checks.js';
import { timelineEntrySchema } from '../planning/timeline.js';

// The JSON API's own shapes (DESIGN section 5): request envelopes, query
// strings and responses. Every field of a step is taken from the event
// schemas, so the API, its validation and its OpenAPI document never drift.

// ---- requests ----------------------------------------------------------

export const sessionRequestSchema = form({
  email: requiredText('your email address', 254),
  password: z.string({ error: (iss) => (missing(iss) ? 'Enter your password' : 'Your password must be text') })
    .min(1, { error: 'Enter your password' }).max(200, { error: 'Your password must be 200 characters or fewer' }),
});

export const versionSchema = z
  .number({ error: (iss) => (missing(iss) ? 'Send the version of the plan you are acting on, as read from the plan' : 'The version must be a number') })
  .int({ error: 'The version must be a whole number' })
  .min(1, { error: 'The version must be 1 or more' });

const eventType = z.enum(userEventTypes as [UserEventType, ...UserEventType[]], {
  error: 'Choose an action this plan accepts: the plan lists them as availableEvents',
});

/** Only the envelope of an event request: its fields are the plan service's to check. */
export const eventEnvelopeSchema = z.looseObject({ type: eventType, version: versionSchema });

/** The full body of one event, for the OpenAPI document: `type`, `version`, then the event's own fields. */
export const eventRequestSchema = (type: UserEventType) =>
  z.strictObject({ type: z.literal(type), version: versionSchema, ...shapeOf(eventSchemas[type]) });

export { shapeOf } from './fields.js';

export const usersQuerySchema = z.object({
  role: choice(roles, `Choose a role: ${Object.keys(roles).join(', ')}`).optional(),
});

export const planStepFilters = [...steps, 'closed'] as const;
export const plansQuerySchema = z.object({
  step: z.enum(planStepFilters, { error: `Choose a step: ${planStepFilters.join(', ')}` }).optional(),
  page: z.coerce.number({ error: 'The page must be a number' }).int({ error: 'The page must be a whole number' })
    .min(1, { error: 'The page must be 1 or more' }).default(1),
  perPage: z.coerce.number({ error: 'perPage must be a number' }).int({ error: 'perPage must be a whole number' })
    .min(1, { error: 'perPage must be between 1 and 200' }).max(200, { error: 'perPage must be between 1 and 200' }).default(100),
});

// ---- responses ---------------------------------------------------------

const time = z.iso.datetime({ offset: true });
const role = z.enum(keysOf(roles));
export const actorRefSchema = z.object({ userId: z.string(), role });

export const apiUserSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role });
export const sessionResponseSchema = z.object({ user: apiUserSchema, csrfToken: z.string() });
export const usersResponseSchema = z.object({ users: z.array(apiUserSchema) });

export const planCreatedSchema = z.object({ id: z.string(), state: z.string(), version: z.number().int() });
export const eventResultSchema = z.object({ state: z.string(), version: z.number().int() });

export const planSummarySchema = z.object({
  id: z.string(), title: z.string(), state: z.string(), version: z.number().int(),
  awaitingRole: role.nullable(), updatedAt: time,
});
export const plansResponseSchema = z.object({ plans: z.array(planSummarySchema) });

const { title: _title, ...ideaFields } = ideaSchema.shape;
const termsProposalSchema = z.object({ termsVersion: z.number().int(), proposedBy: actorRefSchema, proposedAt: time, ...termsSchema.shape });
const applicationAttemptSchema = z.object({
  ...submitApplicationSchema.shape, submittedBy: actorRefSchema, submittedAt: time,
  outcome: z.object({ ...recordOutcomeSchema.shape, recordedBy: actorRefSchema, recordedAt: time }).nullable(),
});
const note = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, by: actorRefSchema, at: time });

/** Everything recorded on a plan, grouped by step; a step with nothing recorded yet is null. */
export const planDataSchema = z.object({
  idea: z.object(ideaFields).nullable(),
  agreement: z.object({ ...agreeInPrincipleSchema.shape, agreedBy: actorRefSchema, agreedAt: time }).nullable(),
  terms: termsProposalSchema.extend({
    acceptedBy: actorRefSchema.nullable(), acceptedAt: time.nullable(), versions: z.array(termsProposalSchema),
  }).nullable(),
  signOff: z.object({ ...signOffSchema.shape, signedOffBy: actorRefSchema, signedOffAt: time }).nullable(),
  meeting: z.object({
    ...scheduleMeetingSchema.shape, supervisorUserId: z.string().nullable(), scheduledBy: actorRefSchema, scheduledAt: time,
    record: z.object({ ...recordMeetingSchema.shape, recordedBy: actorRefSchema, recordedAt: time }).nullable(),
  }).nullable(),
  application: applicationAttemptSchema.extend({ attempts: z.array(applicationAttemptSchema) }).nullable(),
  comments: z.array(note({ text: z.string() })),
  changeRequests: z.array(note({ kind: z.enum(['REQUEST_CHANGES', 'RETURN_FOR_CHANGES']), comment: z.string() })),
  declined: note({ reason: z.string(), stage: z.enum(['managerAgreement', 'rdSignOff']) }).nullable(),
  reopenings: z.array(note({ comment: z.string().optional() })),
  withdrawn: note({ reason: z.string() }).nullable(),
  award: z.object({
    conditions: z.array(z.object({
      key: z.string(), owner: role, text: z.string(),
      confirmed: note({ note: z.string().optional() }).nullable(),
    })),
    training: note({ startedOn: z.iso.date() }).nullable(),
    completion: note({ completedOn: z.iso.date(), summary: z.string() }).nullable(),
  }).nullable().meta({ description: 'After an award (DESIGN section 11): its conditions, the start and the end of the training; null until awarded and for plans of 1.0.' }),
  reassignments: z.array(note({
    role: z.enum(['manager', 'supervisor']), from: z.string().nullable(), to: z.string(), reason: z.string(),
  })).meta({ description: 'Each time R&D or an administrator handed the plan to another manager or supervisor.' }),
});

/** The shared agenda (DESIGN section 9): each point's latest version and what became of it. */
export const agendaDataSchema = z.object({
  agreed: z.number().int(), total: z.number().int(),
  points: z.array(z.object({
    key: z.enum(keysOf(agendaPoints)), title: z.string(), status: z.enum(keysOf(pointStatuses)),
    version: z.number().int().describe('0 while nobody has proposed the point'),
    position: z.string().nullable(), answers: z.record(z.string(), z.unknown()),
    proposedBy: actorRefSchema.nullable(), proposedAt: time.nullable(),
    agreedBy: actorRefSchema.optional(), agreedAt: time.optional(),
    dispute: z.object({ reason: z.string(), by: actorRefSchema, at: time }).optional(),
    comment: z.string().optional(),
  })),
});

export const planResponseSchema = z.object({
  id: z.string(), title: z.string(), state: z.string(), version: z.number().int(),
  data: planDataSchema, availableEvents: z.array(eventType),
  agenda: agendaDataSchema.nullable().describe('Null for a plan started before version 1.1, which has no agenda.'),
  checks: z.array(checkSchema).meta({ description: "The idea and current terms against the scheme's rules (DESIGN section 10): advice, never blocking." }),
  timeline: z.array(timelineEntrySchema).meta({ description: "Each step's latest date, planned back from the call deadline with the trust's lead times; empty without a deadline." }),
});

export const historyEventSchema = z.object({
  seq: z.number().int(), type: z.string(),
  actor: z.object({ userId: z.string().nullable(), role: z.string() }),
  at: time, stateBefore: z.string().nullable(), stateAfter: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export const historyResponseSchema = z.object({ events: z.array(historyEventSchema) });

/** RFC 9457 problem details; `errors` on 422, `currentVersion` on a 409 about the plan's version. */
export const problemSchema = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  currentVersion: z.number().int().optional(),
});

export type ApiUser = z.output<typeof apiUserSchema>;
export type PlanData = z.output<typeof planDataSchema>;
export type AgendaData = z.output<typeof agendaDataSchema>;
export type PlanResponse = z.output<typeof planResponseSchema>;
export type HistoryEvent = z.output<typeof historyEventSchema>;
