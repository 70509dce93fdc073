import type { ReactNode } from "react";
import { PortalHeader } from "@/components/layout/portal-header";
import { currentActor } from "@/lib/server/auth/require-actor";
import { logOut } from "@/app/connexion/actions";

// The header needs the actor, but access is checked by each page: it alone knows the path to come
// back to after login, and actions and route handlers bypass layouts anyway.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) return <>{children}</>;
  return (
    <>
      <PortalHeader actor={actor} logOutAction={logOut} />
      <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
    </>
  );
}
