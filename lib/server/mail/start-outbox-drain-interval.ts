import { runOutboxDrain } from "./run-outbox-drain";

export const OUTBOX_DRAIN_INTERVAL_MS = 5_000;

type GlobalWithTimer = typeof globalThis & { __conventionsOutboxTimer?: ReturnType<typeof setInterval> };
const globalForTimer = globalThis as GlobalWithTimer;

/** The safety net behind after(): retries and mails queued outside a request go out within seconds. */
export function startOutboxDrainInterval(intervalMs = OUTBOX_DRAIN_INTERVAL_MS): void {
  if (globalForTimer.__conventionsOutboxTimer) return;
  globalForTimer.__conventionsOutboxTimer = setInterval(() => void runOutboxDrain(), intervalMs);
  globalForTimer.__conventionsOutboxTimer.unref?.();
}
