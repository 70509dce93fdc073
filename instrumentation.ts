/**
 * Starts the outbox drain loop, the hourly clean-up of unreferenced files and the daily reminders in the Node.js server process. Skipped while `next build` collects
 * pages (no server runs then) and in the edge runtime (no database driver there).
 */
export async function register(): Promise<void> {
  // Next.js inlines NEXT_RUNTIME at build time: the edge bundle drops everything below.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("@/lib/server/config/env");
  const env = serverEnv();
  if (env.NEXT_PHASE === "phase-production-build") return;
  if (env.NODE_ENV === "test") return;
  const { startOutboxDrainInterval } = await import("@/lib/server/mail/start-outbox-drain-interval");
  startOutboxDrainInterval();
  const { startFileCleanupInterval } = await import("@/lib/server/files/start-file-cleanup-interval");
  startFileCleanupInterval();
  const { startReminderSchedule } = await import("@/lib/server/reminders/start-reminder-schedule");
  startReminderSchedule();
}
