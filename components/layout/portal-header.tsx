import type { Actor } from "@/lib/core/auth/actor";
import { NavLinks } from "./nav-links";

const roleLabels = { host_admin: "Administrateur (accueil)", origin_staff: "Établissement d'origine" } as const;

export function PortalHeader({ actor, logOutAction }: { actor: Actor; logOutAction: () => Promise<void> }) {
  return (
    <header className="bg-brand-800 text-white shadow">
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div>
          <p className="text-lg font-bold">Mini-stages</p>
          <p className="text-xs text-brand-100">{actor.schoolName}</p>
        </div>
        <form action="/recherche" method="get" role="search" className="flex items-center gap-2">
          <label htmlFor="global-search" className="sr-only">Rechercher un stagiaire</label>
          <input id="global-search" name="q" type="search" placeholder="Rechercher un stagiaire…"
            className="w-56 rounded-md border-0 bg-white/95 px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500" />
        </form>
        <div className="flex items-center gap-3 text-sm">
          <div className="text-right">
            <p className="font-medium">{actor.name}</p>
            <p className="text-xs text-brand-100">{roleLabels[actor.role]}</p>
          </div>
          <form action={logOutAction}>
            <button type="submit" className="rounded-md border border-white/40 px-3 py-1.5 hover:bg-white/10">Se déconnecter</button>
          </form>
        </div>
      </div>
      <nav aria-label="Navigation principale" className="mx-auto max-w-screen-2xl px-4 pb-2">
        <NavLinks />
      </nav>
    </header>
  );
}
