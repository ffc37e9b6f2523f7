import type { Config } from '../config.js';

// Who runs the service and how to reach them, from the settings a trust gives
// when it deploys it (SERVICE_OWNER, HELP_EMAIL, HELP_PHONE, DPO_EMAIL). A
// setting not given yet is shown on the page as a gap the trust must fill, so
// nobody reads an address that does not exist.

export interface Contacts {
  /** The organisation running the service, or null until the trust names itself. */
  owner: string | null;
  /** How the owner is named in a sentence: its name, or a description until it is set. */
  ownerName: string;
  help: { email: string | null; phone: string | null };
  dpoEmail: string | null;
  /** What the trust still has to fill in, for the marker shown on the page. */
  missing: { owner: boolean; help: boolean; dpo: boolean };
}

export function contactsOf(config: Config): Contacts {
  const owner = config.SERVICE_OWNER ?? null;
  const help = { email: config.HELP_EMAIL ?? null, phone: config.HELP_PHONE ?? null };
  return {
    owner,
    ownerName: owner ?? 'the NHS trust that runs this service',
    help,
    dpoEmail: config.DPO_EMAIL ?? null,
    missing: { owner: !owner, help: !help.email && !help.phone, dpo: !config.DPO_EMAIL },
  };
}
