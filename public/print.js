// The print view's "Print this page" button (templates/documents/print/view.hbs).
// Without JavaScript the button stays hidden and the page says how to print
// with the browser's own command instead.
const button = document.querySelector('[data-print-button]');
const hint = document.querySelector('[data-print-hint]');
if (button) {
  button.hidden = false;
  if (hint) hint.hidden = true;
  button.addEventListener('click', () => window.print());
}
