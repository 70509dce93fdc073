import { AppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/core/auth/actor";
import { conventionIdFromDepositToken } from "@/lib/server/deposit-links";
import type { Depositor } from "@/lib/core/auth/depositor";

type ActorResolver = () => Promise<Actor | null>;
type GlobalWithResolver = typeof globalThis & { __depositActorResolver?: ActorResolver };
const globalForResolver = globalThis as GlobalWithResolver;

async function sessionActor(): Promise<Actor | null> {
  if (globalForResolver.__depositActorResolver) return globalForResolver.__depositActorResolver();
  // Loaded lazily so that the deposit code does not pull next-auth into every importer.
  const { currentActor } = await import("@/lib/server/auth/require-actor");
  return currentActor();
}

/** Test hook: who the deposit routes see as signed in, instead of the next-auth session. */
export function setDepositActorResolverForTests(resolver: ActorResolver | undefined): void {
  globalForResolver.__depositActorResolver = resolver;
}

/**
 * The holder of a valid deposit link, or else the signed-in user. A forged or expired link is
 * refused even for a signed-in user, who would otherwise not know why the link page failed.
 */
export async function resolveDepositor({ token, now = new Date() }: { token: string | null; now?: Date }): Promise<Depositor> {
  if (token) {
    const conventionId = conventionIdFromDepositToken(token, now);
    if (!conventionId) throw new AppError("DEPOSIT_LINK_INVALID", "Ce lien de dépôt est invalide ou a expiré : demandez un nouveau lien à l'établissement d'accueil.");
    return { kind: "link", conventionId };
  }
  const actor = await sessionActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Votre session a expiré : reconnectez-vous pour déposer une convention.");
  return { kind: "user", actor };
}
