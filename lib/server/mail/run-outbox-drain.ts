import { getDb } from "@/db/client";
import { drainOutbox, type DrainReport } from "./drain-outbox";
import { getMailer } from "./get-mailer";

type DrainState = { running?: Promise<void>; isRerunRequested?: boolean };
type GlobalWithDrain = typeof globalThis & { __conventionsOutboxDrain?: DrainState };
const state = ((globalThis as GlobalWithDrain).__conventionsOutboxDrain ??= {});

/**
 * Drains the outbox of this process's database with its mailer. Triggers that arrive while a drain
 * runs fold into one more pass, so a burst of requests costs at most two drains; never throws.
 */
export function runOutboxDrain(): Promise<void> {
  if (state.running) {
    state.isRerunRequested = true;
    return state.running;
  }
  state.running = (async () => {
    try {
      do {
        state.isRerunRequested = false;
        const report: DrainReport = await drainOutbox(await getDb(), { mailer: await getMailer() });
        if (report.retried + report.failed > 0) {
          console.warn(`Outbox : ${report.sent} envoyé(s), ${report.retried} à réessayer, ${report.failed} en échec définitif.`);
        }
      } while (state.isRerunRequested);
    } catch (error) {
      console.error("Outbox drain failed", error);
    } finally {
      state.running = undefined;
    }
  })();
  return state.running;
}
