import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/server/auth/require-actor";
import { safeReturnPath } from "@/lib/server/auth/safe-return-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Connexion" };

// What the sign-in endpoint reports when it is posted to directly (never text from the URL itself).
const endpointMessages: Record<string, string> = {
  verrouille: "Trop de tentatives de connexion. Par sécurité, la connexion est bloquée pour quelques minutes.",
  credentials: "Adresse e-mail ou mot de passe incorrect.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ retour?: string; code?: string }> }) {
  const { retour, code } = await searchParams;
  const endpointMessage = typeof code === "string" && Object.hasOwn(endpointMessages, code) ? endpointMessages[code] : null;
  const returnTo = safeReturnPath(retour);
  if (await currentActor()) redirect(returnTo);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold text-brand-800">Conventions de mini-stage</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Connectez-vous avec le compte de votre établissement.</p>
        {endpointMessage ? (
          <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{endpointMessage}</p>
        ) : null}
        <LoginForm returnTo={returnTo} />
      </div>
    </main>
  );
}
