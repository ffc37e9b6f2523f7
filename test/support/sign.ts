import { listDocuments } from '../../src/documents/documents.repository.js';
import { authorise } from '../../src/documents/documents.service.js';
import type { Services } from '../../src/http/context.js';
import type { User } from '../../src/accounts/accounts.repository.js';
import { actorOf, type World } from './world.js';

/**
 * Every current document of the plan authorised by each of its signatories who has not yet, as each would
 * from the document's page: what the application waits for (DESIGN section 11).
 */
export async function signEverything(services: Pick<Services, 'db' | 'plans' | 'clock'> & Services, planId: string, world: World, people: User[] = []): Promise<number> {
  const everyone = [...Object.values(world).filter((v): v is User => typeof v === 'object' && 'email' in v), ...people];
  let signed = 0;
  for (const document of await listDocuments(services.db.kysely, planId)) {
    if (!document.current) continue;
    for (const signature of document.signatures.filter((s) => !s.authorised_at)) {
      const user = everyone.find((u) => u.id === signature.user_id);
      if (!user) throw new Error(`no test user for signatory ${signature.user_id}`);
      await authorise(services, planId, actorOf(user), document.id, document.sha256);
      signed += 1;
    }
  }
  return signed;
}

/** A new version of a kind, as an R&D lead issues it (with a reason, an event of the plan). */
export async function reissue(services: Services, planId: string, world: World, kind: string, reason = 'The budget holder was corrected.') {
  const { row } = await services.plans.load(planId, actorOf(world.rdLead));
  await services.plans.send(planId, actorOf(world.rdLead), { type: 'REISSUE_DOCUMENT', version: row.version, payload: { kind, reason } });
  return (await listDocuments(services.db.kysely, planId)).find((d) => d.kind === kind && d.current)!;
}
