// The routes `npm run bench` drives, in one place. To measure a new page, add
// an entry: its name (printed as `ratio <name> <value>`), who asks for it, and
// the path (or, for a write, the requests) it takes from what the bench set up.
// Every page is compared with the signed-in floor measured in the same run.

/** What the bench set up: a trust of 100,000 plans, and one plan with issued documents. */
export interface BenchWorld {
  /** Plans of the crowd's first clinician (each at version 3, waiting for the manager). */
  clinicianPlans: string[];
  /** Plans of the whole crowd at version 3, for writes that must each find their version. */
  anyPlans: string[];
  /** A plan taken to R&D sign-off by the people of test/support/world.ts, with its training agreement. */
  documentedPlan: string;
  documentId: string;
}

export type Who = 'clinician' | 'manager' | 'rdLead' | 'signatory';

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  /** A form body, sent with the session's CSRF token. */
  form?: Record<string, string>;
}

export interface BenchRoute {
  name: string;
  label: string;
  who: Who;
  expected: number;
  /** The n-th request of a run. */
  request(world: BenchWorld, n: number): BenchRequest;
  /** Not a page: printed, compared with the floor, but the page target does not apply. */
  write?: boolean;
}

const get = (path: string): BenchRequest => ({ method: 'GET', path });

/** Three options side by side, as someone comparing time splits and bands would ask. */
const WHAT_IF = [
  ['a', 80, 6, 6], ['b', 50, 6, 5], ['c', 30, 6, 7],
].map(([key, academic, band, backfill]) => [
  `${key}-academicPercent=${academic}`, `${key}-durationMonths=36`, `${key}-wte=0.8`, `${key}-clinicianBand=${band}`,
  `${key}-backfillBand=${backfill}`, `${key}-payPoint=top`, `${key}-schemeId=ica-dcaf`,
].join('&')).join('&');

/** Session lookup and the layout, no plan query: a signed-in person's page-not-found. */
export const floor: BenchRoute = {
  name: 'signed-in-floor', label: 'signed-in floor (404 page: session + layout)', who: 'clinician', expected: 404,
  request: () => get('/no-such-page'),
};

export const routes: BenchRoute[] = [
  { name: 'manager-dashboard', label: "dashboard (a manager's 50 plans)", who: 'manager', expected: 200, request: () => get('/') },
  { name: 'rd-dashboard', label: "dashboard (R&D lead: 100,000 plans)", who: 'rdLead', expected: 200, request: () => get('/') },
  { name: 'plan-page', label: 'plan page', who: 'clinician', expected: 200, request: (w, n) => get(`/plans/${w.clinicianPlans[n % w.clinicianPlans.length]}`) },
  { name: 'plan-history', label: 'plan history', who: 'clinician', expected: 200, request: (w, n) => get(`/plans/${w.clinicianPlans[n % w.clinicianPlans.length]}/history`) },
  { name: 'notifications', label: 'notifications', who: 'clinician', expected: 200, request: () => get('/notifications') },
  { name: 'documents-list', label: "a plan's documents", who: 'signatory', expected: 200, request: (w) => get(`/plans/${w.documentedPlan}/documents`) },
  { name: 'document-page', label: 'a document to authorise', who: 'signatory', expected: 200, request: (w) => get(`/plans/${w.documentedPlan}/documents/${w.documentId}`) },
  {
    name: 'what-if', label: 'what-if: three options costed', who: 'clinician', expected: 200,
    request: (w, n) => get(`/plans/${w.clinicianPlans[n % w.clinicianPlans.length]}/what-if?${WHAT_IF}`),
  },
  { name: 'api-plan', label: 'API: GET a plan', who: 'clinician', expected: 200, request: (w, n) => get(`/api/v1/plans/${w.clinicianPlans[n % w.clinicianPlans.length]}`) },
  { name: 'api-plans', label: 'API: list my plans', who: 'clinician', expected: 200, request: () => get('/api/v1/plans') },
  { name: 'pdf-stored', label: 'stored PDF download', who: 'signatory', expected: 200, request: (w) => get(`/plans/${w.documentedPlan}/documents/${w.documentId}.pdf`) },
  {
    name: 'comment-form-post', label: 'comment form POST (a write: fsync)', who: 'rdLead', expected: 303, write: true,
    // R&D takes part in every plan of the trust: each comment goes to a plan of its own, at the version it is at.
    request: (w, n) => ({ method: 'POST', path: `/plans/${w.anyPlans[n % w.anyPlans.length]}/events/COMMENT`, form: { version: '3', text: `Benchmark comment ${n}` } }),
  },
];
