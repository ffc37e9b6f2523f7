// The admin console's sections, in the order the navigation shows them. A
// feature adds its section with one line here, and its page passes its key as
// `current`.

export interface AdminSection {
  key: string;
  text: string;
  href: string;
}

export const adminSections: AdminSection[] = [
  { key: 'users', text: 'Users', href: '/admin/users' },
  { key: 'organisations', text: 'Organisations', href: '/admin/organisations' },
  { key: 'lead-times', text: 'Lead times', href: '/admin/lead-times' },
  { key: 'tokens', text: 'API tokens', href: '/admin/tokens' },
  { key: 'webhooks', text: 'Webhooks', href: '/admin/webhooks' },
  { key: 'log', text: 'Admin log', href: '/admin/log' },
];

/** The navigation for a page of the section `current`. */
export const adminNav = (current: string) =>
  adminSections.map((section) => ({ ...section, current: section.key === current }));
