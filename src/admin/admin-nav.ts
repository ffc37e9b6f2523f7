// The admin console's sections, in the order the navigation shows them. Other
// features add their section with one line here (trust lead times, API tokens,
// webhooks), and their pages pass their key as `current`.

export interface AdminSection {
  key: string;
  text: string;
  href: string;
}

export const adminSections: AdminSection[] = [
  { key: 'users', text: 'Users', href: '/admin/users' },
  { key: 'organisations', text: 'Organisations', href: '/admin/organisations' },
  { key: 'log', text: 'Admin log', href: '/admin/log' },
];

/** The navigation for a page of the section `current`. */
export const adminNav = (current: string) =>
  adminSections.map((section) => ({ ...section, current: section.key === current }));
