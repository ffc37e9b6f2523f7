// The administration API's paths for /api/openapi.json (its schemas are
// adminComponents in admin.api.ts), in the pattern of documents.openapi.ts.

type Refuse = (...statuses: Array<400 | 401 | 403 | 404 | 409 | 415 | 422>) => Record<string, unknown>;
interface Tools {
  json(schema: object, description: string): object;
  body(id: string): object;
  ref(id: string): object;
  refuse: Refuse;
  signedIn: object[];
  signedInWrite: object[];
}

export function adminPaths({ json, body, ref, refuse, signedIn, signedInWrite }: Tools) {
  const userId = { name: 'id', in: 'path', required: true, description: 'The id of the account.', schema: { type: 'string' } };
  const change = (summary: string, operationId: string, description: string) => ({
    post: {
      summary, operationId, tags: ['administration'], security: signedInWrite, parameters: [userId], description,
      responses: { 200: json(ref('AdminAccount'), 'The account as it is now (already so: nothing changed).'), ...refuse(401, 403, 404) },
    },
  });
  return {
    '/api/v1/admin/users': {
      post: {
        summary: 'Invite someone (administrators)', operationId: 'inviteUser', tags: ['administration'], security: signedInWrite,
        description: 'Makes the account and emails the person a single-use link, valid 7 days, on which they choose a password '
          + '(or sign in with single sign-on). organisationId must be an organisation the caller\'s trust administers. '
          + '422 when the email address already has an account, the role does not exist, or the organisation is not one of those.',
        requestBody: body('AdminInvite'),
        responses: { 201: json(ref('AdminInvited'), 'Invited; the email is queued.'), ...refuse(400, 401, 403, 415, 422) },
      },
    },
    '/api/v1/admin/users/{id}': {
      get: {
        summary: 'One account and the open plans it takes part in (administrators)', operationId: 'getAccount', tags: ['administration'],
        security: signedIn, parameters: [userId], responses: { 200: json(ref('AdminAccount'), 'The account.'), ...refuse(401, 403, 404) },
      },
    },
    '/api/v1/admin/users/{id}/deactivate': change('Deactivate an account (administrators)', 'deactivateUser',
      'Ends every session of the person at once and refuses their sign-in; their name stays on plans and in history. 403 for your own account or the trust\'s last administrator.'),
    '/api/v1/admin/users/{id}/reactivate': change('Reactivate an account (administrators)', 'reactivateUser', 'They may sign in again.'),
  };
}
