import { z } from 'zod';

// Signing out everywhere over the API, for OpenAPI: its path and schema.

export const endedSessionsSchema = z.object({
  ended: z.number().int().min(0).meta({ description: "How many of the caller's sessions ended, this one included." }),
});

export const sessionComponents = { EndedSessions: endedSessionsSchema };

interface Tools {
  json(schema: object, description: string): object;
  ref(id: string): object;
  refuse: (...statuses: Array<401 | 403>) => Record<string, unknown>;
  signedInWrite: object[];
}

export function sessionPaths({ json, ref, refuse, signedInWrite }: Tools) {
  return {
    '/api/v1/sessions': {
      delete: {
        summary: 'Sign out everywhere', operationId: 'signOutEverywhere', tags: ['session'], security: signedInWrite,
        description: "Ends every session of the caller, in every browser and program, this one included: after a lost device or a shared computer.",
        responses: { 200: json(ref('EndedSessions'), 'Signed out everywhere; the session cookie is cleared.'), ...refuse(401, 403) },
      },
    },
  };
}
