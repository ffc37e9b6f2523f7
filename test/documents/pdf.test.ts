import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorise } from '../../src/documents/documents.service.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { actorOf } from '../support/world.js';
import { meetingRecorded } from './journey.js';
import { pdfStructure } from './pdf-structure.js';
import { pdfText } from './pdf-text.js';

// The PDF of each issued version: a real PDF file, made without a browser,
// whose text (as pdf.js reads it) carries the same terms as the HTML, and
// ends with the authorisations as they stand when it is made.

describe('documents as PDF', () => {
  let app: TestApp;
  let planId: string;
  let docs: Array<{ id: string; kind: string; sha256: string }>;

  beforeAll(async () => {
    app = await buildTestApp('sqlite');
    const plan = await meetingRecorded(app.services.plans, app.world, { signOff: { conditions: 'Review at 12 months; report to the R&D committee.' } });
    planId = plan.id;
    docs = await app.services.db.kysely.selectFrom('documents').select(['id', 'kind', 'sha256']).where('plan_id', '=', planId).execute();
  });
  afterAll(() => app.cleanup());

  const pdfOf = async (kind: string) => {
    const agent = await app.signIn(app.world.manager);
    const res = await agent.get(`/plans/${planId}/documents/${docs.find((d) => d.kind === kind)!.id}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    return new Uint8Array(await res.arrayBuffer());
  };

  it('is a valid PDF whose text carries the agreed terms', async () => {
    const bytes = await pdfOf('training-agreement');
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(bytes.subarray(-8)).toString('latin1').trimEnd()).toMatch(/%%EOF$/);
    const text = await pdfText(bytes);
    for (const value of [
      'Clinical academic training agreement', 'Early mobilisation after hip fracture', 'Reference TA-2026-0001-v1', 'Issued 1 December 2026',
      '1 October 2027', '36 months', '60% academic, 40% clinical', '£28,000', 'The NHS trust', 'Review at 12 months; report to the R&D committee.',
      'Recruit to a fixed-term post', '4 hours a week', 'run a journal club', 'bring new evidence back to the team', '30 September 2030', '£84,000',
      'A doctoral fellowship is the right next step after the MRes.', 'A permanent clinical academic post in the team is the aim.',
      'Alex Morgan', 'Sam Patel', 'Priya Shah', 'Not yet authorised', 'Page 1 of',
    ]) expect(text).toContain(value);
  });

  it('is tagged for screen readers: structure tree, headings, lists and tables, language en-GB, its title shown', async () => {
    for (const kind of ['training-agreement', 'letter-of-support', 'supervisor-letter', 'meeting-record']) {
      const bytes = await pdfOf(kind);
      const raw = Buffer.from(bytes).toString('latin1');
      for (const key of ['/StructTreeRoot', '/MarkInfo', '/Lang (en-GB)', '/DisplayDocTitle true']) expect(raw, `${kind} ${key}`).toContain(key);
      const structure = await pdfStructure(bytes);
      expect(structure).toMatchObject({ language: 'en-GB', tagged: true, version: '1.7' });
      expect(String(structure.title)).toContain('Early mobilisation after hip fracture');
      for (const role of ['H1', 'H2', 'P']) expect(structure.roles, `${kind} ${role}`).toContain(role);
    }
    const agreement = await pdfStructure(await pdfOf('training-agreement'));
    for (const role of ['L', 'LI', 'Table', 'TR', 'TH', 'TD']) expect(agreement.roles, role).toContain(role);
  });

  it('lays out the meeting record and the letter with their own values', async () => {
    const record = await pdfText(await pdfOf('meeting-record'));
    for (const value of ['Supervisor meeting record', 'Held on 1 December 2026', 'Draft the application outline by March',
      'Uses the trust hip fracture audit data.', 'Dr Jo Evans, University of Northshire']) expect(record).toContain(value);
    const letter = await pdfText(await pdfOf('letter-of-support'));
    // A letter ends over the names and roles of the people who sign it.
    for (const value of ['Letter of support for the funding application', '£28,000 a year', '60% of their working week',
      'Yours sincerely, Sam Patel Line manager Northshire NHS Foundation Trust Priya Shah R&D lead']) expect(letter).toContain(value);
    expect(record).not.toContain('15 January 2027');
    expect(letter).not.toContain('15 January 2027');
  });

  it('ends with the authorisations as they stand, marked as not part of the issued document', async () => {
    const agreement = docs.find((d) => d.kind === 'training-agreement')!;
    let text = await pdfText(await pdfOf('training-agreement'));
    expect(text).toContain('Authorisations are shown as the service held them on');
    expect(text).toContain('This PDF is made from the same content, with the authorisations added.');
    // The fingerprint sits in the technical details at the end (split over lines to fit the page).
    expect(text.replace(/\s/g, '')).toContain(agreement.sha256);
    expect(text.indexOf('Technical details')).toBeGreaterThan(text.lastIndexOf('Not yet authorised'));
    expect(text.match(/Not yet authorised/g)).toHaveLength(3);
    app.clock.set('2026-12-03T14:15:00.000Z');
    await authorise(app.services, planId, actorOf(app.world.manager), agreement.id, agreement.sha256);
    text = await pdfText(await pdfOf('training-agreement'));
    expect(text).toContain('Authorised electronically on 3 December 2026 14:15');
    expect(text).toContain('As Alex Morgan\'s line manager at Northshire NHS Foundation Trust, I commit to the following.');
    expect(text.match(/Not yet authorised/g)).toHaveLength(2);
  });

  it('is rendered once for each state of its authorisations, stored, and served from storage until someone authorises', async () => {
    const letter = docs.find((d) => d.kind === 'letter-of-support')!;
    const stored = () => app.services.db.kysely.selectFrom('document_pdfs').select(['state', 'rendered_at']).where('document_id', '=', letter.id).executeTakeFirst();
    const first = await pdfOf('letter-of-support');
    const row = await stored();
    expect(row).toBeDefined();
    app.clock.advance(3 * 3600_000);
    // Three hours later: the same bytes, from storage (a PDF rendered again would carry a new creation time).
    const again = await pdfOf('letter-of-support');
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(await stored()).toEqual(row);
    expect((await pdfText(first)).match(/Not yet authorised/g)).toHaveLength(2);

    app.clock.set('2026-12-04T08:30:00.000Z');
    await authorise(app.services, planId, actorOf(app.world.manager), letter.id, letter.sha256);
    const signed = await pdfOf('letter-of-support');
    expect((await stored())!.state).not.toBe(row!.state);
    const text = await pdfText(signed);
    expect(text).toContain('Authorisations are shown as the service held them on 4 December 2026 08:30');
    expect(text).toContain('Authorised electronically on 4 December 2026 08:30');
    expect(text.match(/Not yet authorised/g)).toHaveLength(1);
  });

  it('writes names and text beyond Western European letters as typed', async () => {
    // Staff names from across Europe and beyond: Polish, Romanian, Czech, Greek, Vietnamese.
    const conditions = 'Review with Łukasz Wróbel, Ștefan Țurcanu, Zdeněk Dvořák, Σοφία Παπαδοπούλου and Nguyễn Thị Hương.';
    const other = await meetingRecorded(app.services.plans, app.world, { signOff: { conditions } });
    const agreement = await app.services.db.kysely.selectFrom('documents').select('id')
      .where('plan_id', '=', other.id).where('kind', '=', 'training-agreement').executeTakeFirstOrThrow();
    const agent = await app.signIn(app.world.manager);
    const res = await agent.get(`/plans/${other.id}/documents/${agreement.id}.pdf`);
    expect(res.status).toBe(200);
    expect(await pdfText(new Uint8Array(await res.arrayBuffer()))).toContain(conditions);
  });

  it('is served over the API by Accept, with the issued HTML byte for byte as the other choice', async () => {
    const agreement = docs.find((d) => d.kind === 'training-agreement')!;
    const agent = await app.signIn(app.world.clinician);
    const url = `http://localhost/api/v1/plans/${planId}/documents/${agreement.id}`;
    const pdf = await app.app.request(url, { headers: { cookie: `plans_session=${agent.cookie}`, accept: 'application/pdf' } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain('£28,000');
    const html = await app.app.request(url, { headers: { cookie: `plans_session=${agent.cookie}`, accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const { sha256 } = await import('../../src/plans/hash.js');
    expect(sha256(await html.text())).toBe(agreement.sha256);
  });
});
