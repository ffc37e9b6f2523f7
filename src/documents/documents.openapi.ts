import { z } from 'zod';
import { documentKinds, keysOf, roles } from '../domain/options.js';

// The documents API (DESIGN section 6) as zod schemas, which validate the
// requests and give the OpenAPI document its schemas, and as OpenAPI paths.

const time = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const authorisationRequestSchema = z.strictObject({
  sha256: z.string({ error: 'Give the SHA-256 of the document you read' })
    .regex(/^[0-9a-f]{64}$/, { error: 'The SHA-256 must be 64 lowercase hexadecimal characters' }),
});

export const reissueRequestSchema = z.strictObject({
  kind: z.enum(keysOf(documentKinds), { error: `Choose a kind: ${Object.keys(documentKinds).join(', ')}` }),
  reason: z.string({ error: 'Give the reason for issuing a new version' }).trim().min(1, { error: 'Give the reason for issuing a new version' })
    .max(5000, { error: 'The reason must be 5,000 characters or fewer' }),
});

export const documentSchema = z.object({
  id: z.string(),
  kind: z.enum(keysOf(documentKinds)),
  version: z.number().int().min(1).meta({ description: 'Counts the versions of this kind for the plan: 1, 2, …' }),
  planVersion: z.number().int().meta({ description: 'The plan version the document was rendered from.' }),
  sha256: sha256.meta({ description: 'SHA-256 of the issued HTML, byte for byte: what a signatory confirms.' }),
  current: z.boolean().meta({ description: 'False once a newer version of the same kind has been issued.' }),
  issuedAt: time,
  signatories: z.array(z.object({ role: z.enum(keysOf(roles)), userId: z.string(), authorisedAt: time.nullable() })),
});

export const documentsResponseSchema = z.object({ documents: z.array(documentSchema) });

export const authorisationResultSchema = z.object({
  documentId: z.string(), role: z.enum(keysOf(roles)), userId: z.string(), authorisedAt: time, sha256,
  planVersion: z.number().int().meta({ description: 'The plan version after the authorisation was recorded.' }),
});

export const reissueResultSchema = z.object({
  issued: z.boolean().meta({ description: 'Always true: a reissue always makes a new current version.' }),
  document: documentSchema,
});

export type ApiDocument = z.infer<typeof documentSchema>;

export const documentComponents = {
  DocumentList: documentsResponseSchema, Document: documentSchema, AuthorisationRequest: authorisationRequestSchema,
  Authorisation: authorisationResultSchema, ReissueRequest: reissueRequestSchema, Reissue: reissueResultSchema,
};

type Refuse = (...statuses: Array<400 | 401 | 403 | 404 | 409 | 415 | 422>) => Record<string, unknown>;
interface Tools {
  json(schema: object, description: string): object;
  body(id: string): object;
  ref(id: string): object;
  refuse: Refuse;
  signedIn: object[];
  signedInWrite: object[];
  planId: object;
}

export function documentPaths({ json, body, ref, refuse, signedIn, signedInWrite, planId }: Tools) {
  const documentId = { name: 'documentId', in: 'path', required: true, description: 'The id of the issued version.', schema: { type: 'string' } };
  return {
    '/api/v1/plans/{id}/documents': {
      get: {
        summary: "A plan's issued documents", operationId: 'listDocuments', tags: ['documents'], security: signedIn, parameters: [planId],
        responses: { 200: json(ref('DocumentList'), 'Every issued version, by kind, newest first.'), ...refuse(401, 404) },
      },
    },
    '/api/v1/plans/{id}/documents/reissue': {
      post: {
        summary: 'Issue a new version (R&D lead or administrator, with a reason)', operationId: 'reissueDocument', tags: ['documents'],
        security: signedInWrite, parameters: [planId], requestBody: body('ReissueRequest'),
        description: 'Renders the kind from the plan as it is now. A new version is issued only if it differs from the latest.',
        responses: {
          200: json(ref('Reissue'), 'The latest version is up to date; nothing was issued.'),
          201: json(ref('Reissue'), 'A new version was issued.'),
          ...refuse(400, 401, 403, 404, 409, 415, 422),
        },
      },
    },
    '/api/v1/plans/{id}/documents/{documentId}': {
      get: {
        summary: 'One issued version', operationId: 'getDocument', tags: ['documents'], security: signedIn, parameters: [planId, documentId],
        description: 'By Accept: text/html gives the issued HTML byte for byte (its SHA-256 is the one listed); application/pdf the same '
          + 'content as a PDF, followed by the authorisations as they stand; application/json the listing entry.',
        responses: {
          200: {
            description: 'The document.',
            content: {
              'text/html': { schema: { type: 'string' } },
              'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
              'application/json': { schema: ref('Document') },
            },
          },
          ...refuse(401, 404),
        },
      },
    },
    '/api/v1/plans/{id}/documents/{documentId}/authorisations': {
      post: {
        summary: 'Authorise a document (a pending signatory)', operationId: 'authoriseDocument', tags: ['documents'],
        security: signedInWrite, parameters: [planId, documentId], requestBody: body('AuthorisationRequest'),
        description: 'Send the SHA-256 of the version you read. 409 when that version has been superseded, you have already '
          + 'authorised it, or the hash is not the one issued; 403 when you are not one of its signatories.',
        responses: { 201: json(ref('Authorisation'), 'Recorded.'), ...refuse(400, 401, 403, 404, 409, 415, 422) },
      },
    },
  };
}
