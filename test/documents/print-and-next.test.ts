import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { meetingRecorded } from './journey.js';

// Issue 16.3 and 17.8: after authorising, the page leads the same person to
// the next document waiting for them until none is left; the print view is a
// page that opens in the browser (not a download), with a print button that
// needs JavaScript and instructions that work without it.

describe('after one signature, and the print view', () => {
  let app: TestApp;
  let manager: Agent;
  let planId: string;
  let docs: Array<{ id: string; kind: string; sha256: string }>;

  beforeAll(async () => {
    app = await buildTestApp('sqlite');
    manager = await app.signIn(app.world.manager);
    planId = (await meetingRecorded(app.services.plans, app.world)).id;
    docs = await app.services.db.kysely.selectFrom('documents').select(['id', 'kind', 'sha256']).where('plan_id', '=', planId).execute();
  });
  afterAll(() => app.cleanup());

  const doc = (kind: string) => docs.find((d) => d.kind === kind)!;
  const authoriseAndRead = async (kind: string) => {
    const { id, sha256 } = doc(kind);
    const res = await manager.post(`/plans/${planId}/documents/${id}/authorisations`, { confirm: 'yes', sha256 });
    expect(res.status).toBe(303);
    return (await manager.get(res.headers.get('location')!)).text();
  };

  it('links to the next document waiting for the same person, then says none is left', async () => {
    // The manager signs the training agreement, the meeting record and the employer's letter; not the supervisor's.
    const afterLetter = await authoriseAndRead('letter-of-support');
    expect(afterLetter).toContain('You have authorised the letter of support');
    const next = /Next: <a [^>]*href="([^"]+)">authorise the ([^<]+)<\/a>/.exec(afterLetter);
    expect(next?.[1]).toMatch(new RegExp(`^/plans/${planId}/documents/(${doc('training-agreement').id}|${doc('meeting-record').id})$`));
    const afterSecond = await authoriseAndRead(next![1]!.endsWith(doc('meeting-record').id) ? 'meeting-record' : 'training-agreement');
    expect(afterSecond).toContain('Next: <a');
    const afterLast = await authoriseAndRead(next![1]!.endsWith(doc('meeting-record').id) ? 'training-agreement' : 'meeting-record');
    expect(afterLast).toContain('No other document is waiting for your signature.');
    expect(afterLast).not.toContain('Next: <a');
    // Reading the page again later shows no banner.
    expect(await (await manager.get(`/plans/${planId}/documents/${doc('meeting-record').id}`)).text()).not.toContain('You have authorised the');
  });

  it('opens the print view as a page with the authorisations as they stand, and prints without JavaScript', async () => {
    const res = await manager.get(`/plans/${planId}/documents/${doc('letter-of-support').id}/print`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-disposition')).toBeNull();
    const html = await res.text();
    expect(html).toMatch(/<button[^>]*data-print-button hidden>Print this page<\/button>/);
    expect(html).toContain("use your browser's print command: press Ctrl and P");
    expect(html).toContain('<script type="module" src="/documents/print.js"></script>');
    expect(html).toContain('Authorised electronically on');
    expect(html).toContain('Not yet authorised');
    const script = await manager.get('/documents/print.js');
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await script.text()).toContain('window.print()');
    // The issued file stays a download, byte for byte.
    const download = await manager.get(`/plans/${planId}/documents/${doc('letter-of-support').id}.html`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
  });
});
