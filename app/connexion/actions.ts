"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/server/auth/auth";
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
    if (error instanceof AuthError) return { message: WRONG_CREDENTIALS, email: email.trim() };
    throw error;
  }
  return null;
}

export async function logOut(): Promise<void> {
  await signOut({ redirectTo: "/connexion" });
}
