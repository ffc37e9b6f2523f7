/**
 * Text for an iCalendar property or parameter (RFC 5545). A control
 * character (a bare CR above all) could end a content line early and start a
 * property of the sender's choosing; a double quote cannot be escaped inside a
 * quoted parameter such as CN at all (the `ics` package's `\"` is not
 * RFC 5545), so it could close the quotes and add parameters or attendees.
 * Control characters become spaces; double quotes become single ones.
 */
export const calendarText = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/"/g, "'").trim();
