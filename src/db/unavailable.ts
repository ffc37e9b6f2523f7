// Failures of the database itself (locked too long, disk full, I/O error,
// read-only, connection lost) rather than of the request. Users get a plain
// "try again shortly" (503); the transaction has rolled back, so nothing is
// half-written.

const SQLITE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL|NOMEM|CORRUPT|NOTADB)/;
// PostgreSQL SQLSTATE classes: 08 connection, 53 insufficient resources, 57P
// operator intervention (shutdown), 58 system error; 40001/40P01 retryable conflicts.
const POSTGRES = /^(08|53|57P|58|40001|40P01)/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SQLITE.test(code) || NETWORK.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES.test(code)) return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}
