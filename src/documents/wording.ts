// Small pieces of English shared by the documents' sentences.

/** "Recruit to a fixed-term post" → "recruit to a fixed-term post", for use mid-sentence. */
export const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "a doctoral fellowship (PhD)", "an internship or short research project": an option label inside a sentence. */
export const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${lower(label)}`;

/** "a, b and c" */
export const listInWords = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
