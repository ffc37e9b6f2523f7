// Tables of the outbox, notifications and timers (filled in by the reminders work).
export interface NotificationTables {}
