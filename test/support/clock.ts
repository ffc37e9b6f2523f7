/** A clock the test moves by hand. */
export function fixedClock(startIso: string) {
  let now = new Date(startIso).getTime();
  const clock = () => new Date(now);
  clock.set = (iso: string) => { now = new Date(iso).getTime(); };
  clock.advance = (ms: number) => { now += ms; };
  return clock;
}
