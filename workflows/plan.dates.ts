// Days as people in England count them: a time's date in Europe/London. The
// machine reads "today" from the event's own time, so it stays pure.

const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2027-03-01" for an instant, in Europe/London. */
export const londonDate = (iso: string): string => london.format(new Date(iso));
