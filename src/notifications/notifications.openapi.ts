import { z } from 'zod';

// GET /api/v1/notifications and marking one read, as zod schemas (which type
// the handlers and give the OpenAPI document its components) and OpenAPI paths.

const time = z.string().meta({ description: 'ISO 8601' });

export const notificationSchema = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  kind: z.string().meta({
    description: 'handover, changes-requested, returned-for-changes, declined, meeting-scheduled, reminder, escalation, '
      + 'document-authorisation, agenda, mediation, comment, application-submitted, outcome, reassigned, withdrawn, conditions, '
      + 'training-started or award-completed (invitation and password-reset emails go to an address, never to a list)',
  }),
  subject: z.string(),
  createdAt: time,
  readAt: time.nullable().meta({ description: 'When the caller marked it read; null while unread.' }),
  status: z.enum(['new', 'read', 'done']).meta({
    description: 'done once the plan no longer asks the caller what it asked (they did it, someone else did, or the plan moved on); '
      + 'otherwise new until read.',
  }),
  actionNeeded: z.boolean().meta({ description: 'It asks the caller to do something, not yet done.' }),
  asked: z.string().nullable().meta({ description: 'What the caller is asked to do, in words; null for news.' }),
  dueAt: time.nullable().meta({ description: 'By when, when what is asked has a due date.' }),
  doneAt: time.nullable(),
  link: z.string().meta({ description: 'The page to act on, as a path of this service (the plan, a document, the discussion).' }),
  coveringFor: z.object({ userId: z.string(), name: z.string() }).nullable()
    .meta({ description: 'A copy sent while the caller covers for a colleague: whose it is.' }),
});

export const notificationsResponseSchema = z.object({ notifications: z.array(notificationSchema) });

export const notificationComponents = { NotificationList: notificationsResponseSchema, Notification: notificationSchema };

interface Tools {
  json(schema: object, description: string): object;
  ref(id: string): object;
  refuse: (...statuses: Array<401 | 403 | 404>) => Record<string, unknown>;
  signedIn: object[];
  signedInWrite: object[];
}

export function notificationPaths({ json, ref, refuse, signedIn, signedInWrite }: Tools) {
  return {
    '/api/v1/notifications': {
      get: {
        summary: "The caller's notifications", operationId: 'listNotifications', tags: ['notifications'], security: signedIn,
        description: 'Newest first, one per topic (a reminder replaces the request it follows up). Each says what it asks of the caller, '
          + 'by when, and whether that is done. Reading them here does not mark them read.',
        responses: { 200: json(ref('NotificationList'), 'Newest first.'), ...refuse(401) },
      },
    },
    '/api/v1/notifications/{notificationId}/read': {
      post: {
        summary: 'Mark one notification read', operationId: 'markNotificationRead', tags: ['notifications'], security: signedInWrite,
        parameters: [{ name: 'notificationId', in: 'path', required: true, description: 'The id of the notification.', schema: { type: 'string' } }],
        responses: { 200: json(ref('Notification'), 'Marked read (again, it changes nothing).'), ...refuse(401, 403, 404) },
      },
    },
  };
}
