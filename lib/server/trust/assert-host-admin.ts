import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";

/** Only a host school's admins judge signatures, so only they keep trust anchors and accept signers. */
export function assertHostAdmin(actor: Actor): void {
  if (actor.role !== "host_admin") throw new AppError("FORBIDDEN");
}
