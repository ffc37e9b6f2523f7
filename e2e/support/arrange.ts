import type { Session } from './browser.js';

// Setting the scene for a form test through the JSON API, with the session the
// person signed in with on the sign-in page (the page and the API share it).
// The journey test does every step through the pages instead.

interface PlanState { state: string; version: number }

async function call<T>(session: Session, method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const request = session.context.request;
  const origin = new URL(session.page.url()).origin;
  const me = await request.get(`${origin}/api/v1/me`);
  if (!me.ok()) throw new Error(`${session.person.email} is not signed in: GET /api/v1/me answered ${me.status()}`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const res = await request.fetch(`${origin}${path}`, {
    method, headers: { 'x-csrf-token': csrfToken }, ...(body ? { data: body } : {}),
  });
  if (!res.ok()) throw new Error(`${method} ${path} as ${session.person.role}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function managerIdOf(clinician: Session, managerEmail: string): Promise<string> {
  const { users } = await call<{ users: Array<{ id: string; email: string }> }>(clinician, 'GET', '/api/v1/users?role=manager');
  const manager = users.find((u) => u.email === managerEmail);
  if (!manager) throw new Error(`No manager ${managerEmail}`);
  return manager.id;
}

export async function sendEvent(session: Session, planId: string, type: string, fields: object = {}): Promise<PlanState> {
  const { version } = await call<PlanState>(session, 'GET', `/api/v1/plans/${planId}`);
  return call<PlanState>(session, 'POST', `/api/v1/plans/${planId}/events`, { type, version, ...fields });
}

export const completeIdea = {
  profession: 'nurse',
  opportunityLevel: 'predoctoral',
  whyNow: 'Our falls audit showed a gap that nobody in the team has time to study.',
  researchIdeas: 'Early mobilisation after hip fracture surgery on an orthopaedic ward.',
  serviceRelevance: 'Fewer falls and shorter stays on the ward.',
  careerGoal: 'A clinical academic nurse leading research in the trust.',
  inDevelopmentPlan: true,
};

/** A new plan whose complete research idea is with the manager (managerAgreement). */
export async function planWithManager(clinician: Session, managerEmail: string, title: string): Promise<string> {
  const managerId = await managerIdOf(clinician, managerEmail);
  const { id } = await call<{ id: string }>(clinician, 'POST', '/api/v1/plans', { title, managerId });
  await sendEvent(clinician, id, 'UPDATE_IDEA', completeIdea);
  await sendEvent(clinician, id, 'SUBMIT_FOR_AGREEMENT');
  return id;
}

export const agreement = {
  opportunityNotes: 'The right level for where Alex is now.',
  peopleNotes: 'I know the supervisor; a good fit.',
  midTermPlan: 'Share findings at the monthly team meeting.',
  longTermPlan: 'A clinical academic post in the team at the end of the award.',
};
