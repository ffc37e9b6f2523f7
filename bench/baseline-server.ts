import { serve } from '@hono/node-server';
import Handlebars from 'handlebars';
import { Hono } from 'hono';

// The baseline: the same stack (Hono on @hono/node-server, Handlebars)
// rendering a static page of about 5 KB, with no database and no session.

const template = Handlebars.compile(`<!DOCTYPE html><html lang="en-GB"><head><title>{{title}}</title></head><body>
{{#each rows}}<p class="nhsuk-body">{{this}}</p>{{/each}}</body></html>`);
const rows = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: a line of ordinary text for a static page of about five kilobytes.`);
const app = new Hono().get('/static', (c) => c.html(template({ title: 'Static page', rows })));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`baseline (port ${info.port},`));
