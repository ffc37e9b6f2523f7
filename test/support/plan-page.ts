// Reading the plan page as a person does, from its HTML: what they can do
// (the primary button, the secondary ones, the links that stop the plan,
// R&D's housekeeping), the steps, and the text of the main part of the page.

export const text = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/\s+/g, ' ').trim();

/** What a reader sees in the main part of a page, as one line. */
export const visible = (page: string) => text(page.slice(page.indexOf('<main'), page.indexOf('</main>')).replace(/<[^>]+>/g, ' '));

export const between = (page: string, from: string, to: string) => {
  const start = page.indexOf(from);
  if (start < 0) return '';
  const end = page.indexOf(to, start + from.length);
  return page.slice(start, end < 0 ? undefined : end);
};

export type Link = [text: string, href: string];

const links = (html: string): Link[] => [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => [text(m[2]!.replace(/<[^>]+>/g, ' ')), m[1]!]);

export interface OfferedActions {
  primary: Link | null;
  secondary: Link[];
  stopping: Link[];
  housekeeping: Link[];
}

/** "What you can do now" and "Housekeeping", as offered to the reader. */
export function actionsIn(page: string): OfferedActions {
  const section = between(page, 'id="what-you-can-do"', '<h2');
  const buttons = [...section.matchAll(/<a class="nhsuk-button([^"]*)"[^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/g)]
    .map((m) => ({ secondary: m[1]!.includes('--secondary'), link: [text(m[3]!), m[2]!] as Link }));
  return {
    primary: buttons.find((b) => !b.secondary)?.link ?? null,
    secondary: buttons.filter((b) => b.secondary).map((b) => b.link),
    stopping: links(between(section, 'id="stopping"', '</ul>')),
    housekeeping: links(between(page, 'id="housekeeping"', '</ul>')),
  };
}

/** The task list's steps: [title, status, href or null]. */
export const tasksIn = (page: string): Array<[string, string, string | null]> => page.split('<li class="nhsuk-task-list__item').slice(1)
  .map((item) => item.slice(0, item.indexOf('</li>'))).map((item) => [
  text(/(?:nhsuk-task-list__link[^>]*>|<div>)([^<]+)</.exec(item)![1]!),
  text(/<strong[^>]*>([^<]+)<\/strong>/.exec(item)![1]!),
  /href="([^"]+)"/.exec(item)?.[1] ?? null,
]);

/** The success banner's heading and body, as one line, or '' when there is none. */
export const bannerIn = (page: string) => text(between(page, '<div class="nhsuk-notification-banner', '<span class="nhsuk-caption-l">').replace(/<[^>]+>/g, ' '));

/** The summary at the top: whose move it is, one line per wait. */
export const waitingIn = (page: string) => [...between(page, 'id="waiting-for"', '</ul>').matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => text(m[1]!));
