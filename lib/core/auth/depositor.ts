import type { Actor } from "@/lib/core/auth/actor";

/** Who deposits: a signed-in user, or the holder of a deposit link, who may act on one convention only. */
export type Depositor = { kind: "user"; actor: Actor } | { kind: "link"; conventionId: string };
