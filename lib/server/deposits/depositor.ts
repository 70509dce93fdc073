import type { Actor } from "@/lib/server/auth/actor";

/** Who deposits: a signed-in user, or the holder of a deposit link, who may act on one convention only. */
export type Depositor = { kind: "user"; actor: Actor } | { kind: "link"; conventionId: string };

export function depositorLabel(depositor: Depositor): string {
  if (depositor.kind === "link") return "Lien de dépôt (établissement d'origine)";
  return `${depositor.actor.name} (${depositor.actor.schoolName})`;
}
