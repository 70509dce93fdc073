"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { LoginLockedError, signIn, signOut } from "@/lib/server/auth/auth";
import { endUserSessions } from "@/lib/server/auth/end-user-sessions";
import { lockoutMessage } from "@/lib/server/auth/log-in-with-password";
import { currentActor } from "@/lib/server/auth/require-actor";
import { safeReturnPath } from "@/lib/server/auth/safe-return-path";

export type LoginState = { message: string; email: string } | null;

const WRONG_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect.";

// Login is the one action that runs before there is a session, so it cannot use createAction.
export async function logIn(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = formData.get("email");
  const password = formData.get("password");
  if (typeof email !== "string" || typeof password !== "string" || !email.trim() || !password) {
    return { message: "Saisissez votre adresse e-mail et votre mot de passe.", email: typeof email === "string" ? email : "" };
  }
  try {
    await signIn("credentials", {
      email: email.trim(),
      password,
      redirectTo: safeReturnPath(formData.get("retour")),
    });
  } catch (error) {
    if (error instanceof LoginLockedError) return { message: lockoutMessage(error.retryAfterSeconds), email: email.trim() };
    if (error instanceof AuthError) return { message: WRONG_CREDENTIALS, email: email.trim() };
    throw error;
  }
  return null;
}

/** Ends every session of the account (this browser's and any other), then clears this browser's cookie. */
export async function logOut(): Promise<void> {
  const actor = await currentActor();
  if (actor) await endUserSessions(await getDb(), actor.userId);
  await signOut({ redirectTo: "/connexion" });
}
