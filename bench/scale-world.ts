// The made-up but plausible variety of a national seed: trust sizes, people's
// names, what each plan is about, and how long each step takes. Seeded, so two
// runs make the same database.

export class Random {
  constructor(private state: number) {}

  /** A number in [0, 1): mulberry32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  weighted<T>(items: Array<[T, number]>): T {
    const total = items.reduce((n, [, w]) => n + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items.at(-1)![0];
  }
}

/** Plans per trust: the first is `largest`, the others vary about fivefold around what remains. */
export function trustSizes(random: Random, plans: number, trusts: number, largest: number): number[] {
  const first = Math.min(largest, plans);
  const weights = Array.from({ length: trusts - 1 }, () => 0.3 + random.next() * 1.4);
  const sum = weights.reduce((a, b) => a + b, 0);
  const rest = weights.map((w) => Math.floor(((plans - first) * w) / sum));
  if (rest.length > 0) rest[rest.length - 1]! += plans - first - rest.reduce((a, b) => a + b, 0);
  return [first, ...rest];
}

const FIRST = ['Alex', 'Sam', 'Priya', 'Jo', 'Chris', 'Robin', 'Kim', 'Lee', 'Ola', 'Mo', 'Di', 'Aisha', 'Tom', 'Grace', 'Wei', 'Nia', 'Omar', 'Ffion', 'Ravi', 'Beth'];
const LAST = ['Morgan', 'Patel', 'Shah', 'Evans', 'Lee', 'Hale', 'Ford', 'Grant', 'Berg', 'Khan', 'Ross', 'Okafor', 'Jones', 'Nowak', 'Chen', 'Williams', 'Ahmed', 'Davies', 'Kaur', 'Smith'];
export const personName = (random: Random) => `${FIRST[random.int(FIRST.length)]} ${LAST[random.int(LAST.length)]}`;

const TOPICS = ['Early mobilisation after hip fracture', 'Falls prevention at home', 'Pressure ulcer care in the community', 'Sepsis recognition on wards',
  'Breastfeeding support after caesarean', 'Medicines reconciliation at discharge', 'Voice therapy after stroke', 'Diabetic foot screening',
  'Delirium in older inpatients', 'Pain after knee replacement', 'Asthma reviews in pharmacy', 'Perinatal mental health', 'Cardiac rehabilitation uptake',
  'Wound healing and nutrition', 'Dysphagia screening', 'Sleep in intensive care'];
export const randomTitle = (random: Random) => `${TOPICS[random.int(TOPICS.length)]}${random.next() < 0.5 ? '' : ` (${2024 + random.int(3)} cohort)`}`;

const PROFESSIONS: Array<[string, number]> = [
  ['nurse', 35], ['allied-health-professional', 25], ['midwife', 8], ['pharmacist', 8], ['healthcare-scientist', 6], ['psychologist', 5],
  ['doctor', 8], ['dentist', 2], ['other', 3],
];
const LEVELS: Array<[string, number]> = [['internship', 20], ['masters', 20], ['predoctoral', 20], ['doctoral', 25], ['postdoctoral', 10], ['senior', 5]];
const SCHEMES: Array<[string | null, number]> = [
  ['NIHR Doctoral Clinical and Practitioner Academic Fellowship', 20], ['NIHR Pre-doctoral Clinical and Practitioner Academic Fellowship', 18],
  ['HEE/NIHR ICA Internship', 15], ["HEE/NIHR Master's in Clinical Research", 12], ['NIHR Advanced Fellowship', 6], ['Local internship', 10],
  ['NIHR Academic Clinical Fellowship', 5], ['Charity fellowship', 4], [null, 10],
];

export function randomFacts(random: Random) {
  return {
    profession: random.weighted(PROFESSIONS), level: random.weighted(LEVELS), scheme: random.weighted(SCHEMES),
    backfill: 10_000 + random.int(101) * 500,
  };
}

/** Days each kind of event takes after the one before: [shortest, longest]; most are near the short end. */
const DELAYS: Record<string, [number, number]> = {
  UPDATE_IDEA: [0, 14], SUBMIT_FOR_AGREEMENT: [1, 30], AGREE_IN_PRINCIPLE: [1, 25], REQUEST_CHANGES: [1, 20], DECLINE: [2, 35],
  PROPOSE_TERMS: [2, 30], COMMENT: [0, 5], ACCEPT_TERMS: [1, 20], SIGN_OFF: [3, 35], RETURN_FOR_CHANGES: [3, 30], AUTHORISE_DOCUMENT: [0, 4],
  SCHEDULE_MEETING: [2, 25], RECORD_MEETING: [5, 45], SUBMIT_APPLICATION: [14, 120], RECORD_OUTCOME: [60, 240], REAPPLY: [10, 90],
  REOPEN: [10, 120], WITHDRAW: [1, 60],
};

export function delayDays(random: Random, type: string): number {
  const [low, high] = DELAYS[type] ?? [1, 20];
  // The smaller of two draws: short waits are common, long ones happen.
  return low + (high - low) * Math.min(random.next(), random.next());
}

/**
 * UUIDs in the order they are made (the layout of version 7: time first), so a
 * bulk load appends to each primary-key index instead of splitting pages all
 * over it. The plans are still made in random trust order, so a trust's plans
 * lie spread through the tables as they would after years of use.
 */
export function orderedIds(random: Random, start = Date.now()) {
  let count = 0;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  return () => {
    const time = hex(start + count++, 12);
    const tail = `${hex(random.int(0x10000), 4)}${hex(random.int(0x10000), 4)}${hex(random.int(0x10000), 4)}`;
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(random.int(0x1000), 3)}-${hex(0x8000 | random.int(0x4000), 4)}-${tail}`;
  };
}

/** Every plan's trust, in a random order: trust i appears sizes[i] times. */
export function shuffledTrusts(random: Random, sizes: number[]): Int32Array {
  const order = new Int32Array(sizes.reduce((a, b) => a + b, 0));
  let k = 0;
  sizes.forEach((size, trust) => { for (let i = 0; i < size; i++) order[k++] = trust; });
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
