import { after } from "next/server";
import { runOutboxDrain } from "./run-outbox-drain";

/**
 * Drains the outbox once the current response has been sent, so a transition's mail leaves within
 * a second instead of waiting for the interval. Outside a request (scripts, tests) it does nothing:
 * the interval started in instrumentation.ts picks the mail up.
 */
export function scheduleOutboxDrain(): void {
  try {
    after(() => runOutboxDrain());
  } catch {
    // after() throws outside a request scope; the periodic drain covers that case.
  }
}
