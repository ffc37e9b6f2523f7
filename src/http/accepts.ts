// Content negotiation for the few routes that answer in more than one format.

/** The quality (0 to 1) the Accept header gives a media type, counting `type/*` and `*\/*`. */
function quality(accept: string, type: string): number {
  const [major] = type.split('/');
  let best = -1;
  let specificity = -1;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const matches = range === type ? 2 : range === `${major}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (matches < 0 || matches < specificity) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    specificity = matches;
    best = q === undefined ? 1 : Math.min(1, Number(q) || 0);
  }
  return Math.max(0, best);
}

/** True when the client asks for CSV and likes it at least as much as JSON. */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const csv = quality(accept, 'text/csv');
  return csv > 0 && csv >= quality(accept, 'application/json') && /text\/csv/i.test(accept);
}
