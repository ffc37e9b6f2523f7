// Single-use links, the administration log, single sign-ons in progress and
// request counters (issue 19).

/** An invitation or a password reset: the link is `selector.secret`; only the secret's SHA-256 is kept. */
export interface AccountTokensTable {
  id: string;
  selector: string;
  secret_hash: string;
  user_id: string;
  /** invitation or password-reset. */
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Set when a newer link of the same purpose replaced this one. */
  revoked_at: string | null;
}

/** One administration action or account change: append-only (the database refuses updates and deletes). */
export interface AdminEventsTable {
  id: string;
  /** Whose log it is in: the trust that administers the subject. */
  trust_id: string;
  at: string;
  /** Who did it: an administrator, or the person themselves (accepting an invitation, resetting a password). */
  actor_id: string | null;
  /** user.invited, user.role-changed, user.deactivated, organisation.renamed, password.reset, … */
  action: string;
  subject_kind: string;
  subject_id: string;
  /** JSON of what changed, before and after; null when there was nothing before (or after). */
  before: string | null;
  after: string | null;
}

/** A sign-in with the identity provider, from the redirect to the callback (ten minutes at most). */
export interface OidcLoginsTable {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  next: string;
  /** The invitation (its account_tokens.id, never the link) this sign-in accepts, when started from one. */
  invitation: string | null;
  expires_at: string;
}

/** How many requests a key (e.g. `reset:email`) made in its current window. */
export interface RequestCountsTable {
  key: string;
  count: number;
  window_start: string;
}

export interface AccountTables {
  account_tokens: AccountTokensTable;
  admin_events: AdminEventsTable;
  oidc_logins: OidcLoginsTable;
  request_counts: RequestCountsTable;
}
