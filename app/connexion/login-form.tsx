"use client";

import { useActionState } from "react";
import { logIn, type LoginState } from "./actions";

export function LoginForm({ returnTo }: { returnTo: string }) {
  const [state, formAction, isPending] = useActionState<LoginState, FormData>(logIn, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="retour" value={returnTo} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">Adresse e-mail</label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state?.email}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">Mot de passe</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100" />
      </div>
      {state?.message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p>
      ) : null}
      <button type="submit" disabled={isPending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {isPending ? "Connexion…" : "Se connecter"}
      </button>
    </form>
  );
}
