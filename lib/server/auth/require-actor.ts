import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findActorById } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";
import type { Actor } from "./actor";
import { auth } from "./auth";

/**
 * The signed-in actor, or null. Reads the user again on every request so a removed account loses
 * access at once; within one server render (the layout's header and the page) it is read once.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return findActorById(await getDb(), userId);
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
