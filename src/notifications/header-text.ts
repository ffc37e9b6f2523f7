/** Text for one line of an email header: a control character (CR or LF above all) would start a header line of its own. */
export const headerText = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
