import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findActorForSession } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";
import type { Actor } from "@/lib/core/auth/actor";
import { auth } from "./auth";

/**
 * The signed-in actor, or null. Reads the user again on every request, with the session's version,
 * so a removed account, a new password or a logout elsewhere end the session at once; within one server render (the layout's header and the page) it is read once.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionVersion = (session as { sessionVersion?: unknown } | null)?.sessionVersion;
  if (!userId || typeof sessionVersion !== "number") return null;
  return findActorForSession(await getDb(), userId, sessionVersion);
});

/** For pages: the actor, or a redirect to the login page that comes back to `returnTo`. */
export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/connexion?retour=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** For route handlers and actions: the actor, or an UNAUTHENTICATED error. */
export async function requireActorOrThrow(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}
