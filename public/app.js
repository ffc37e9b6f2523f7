// Progressive enhancement for NHS.UK frontend components. Loaded as an ES module
// (<script type="module" src="/assets/app.js">), so it runs only in browsers that
// nhsuk-frontend supports, after the document has been parsed. No inline script is
// needed, so the Content-Security-Policy can forbid inline scripts. If the import
// fails, the page keeps working as it does without JavaScript.
import { initAll } from '/assets/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
