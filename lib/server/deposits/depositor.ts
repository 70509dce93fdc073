import type { TransitionBy } from "@/lib/server/conventions/apply-convention-transition";

/** Who deposits: a signed-in user, or the holder of a deposit link, who may act on one convention only. */
export type Depositor = TransitionBy;
