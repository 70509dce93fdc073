import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/server/auth/require-actor";
import { safeReturnPath } from "@/lib/server/auth/safe-return-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Connexion" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ retour?: string }> }) {
  const { retour } = await searchParams;
  const returnTo = safeReturnPath(retour);
  if (await currentActor()) redirect(returnTo);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold text-brand-800">Conventions de mini-stage</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Connectez-vous avec le compte de votre établissement.</p>
        <LoginForm returnTo={returnTo} />
      </div>
    </main>
  );
}
