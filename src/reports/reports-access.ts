import type { User } from '../accounts/accounts.repository.js';

/** A trust's reports are for its R&D leads and administrators (and tokens that read as one). */
export const seesReports = (user: User) => user.role === 'rdLead' || user.role === 'admin';
