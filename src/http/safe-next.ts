/**
 * Where to go after signing in: a path of this service only. `next` must be
 * a path (one leading slash, no backslash, no control character) that,
 * resolved against APP_URL, keeps APP_URL's origin; anything else, malformed
 * included, goes to the home page. What is returned is the URL's own
 * serialisation, so it is always a valid Location header.
 */
export function safeNext(next: unknown, appUrl: string): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  if (!URL.canParse(next, appUrl)) return '/';
  const url = new URL(next, appUrl);
  // `/..//evil.example` resolves to the path `//evil.example`, which a browser reads as another host.
  if (url.origin !== new URL(appUrl).origin || url.pathname.startsWith('//')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
