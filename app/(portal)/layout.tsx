import type { ReactNode } from "react";
import { PortalHeader } from "@/components/layout/portal-header";
import { requireActor } from "@/lib/server/auth/require-actor";

// The header needs the actor; every page still checks access itself, since actions bypass layouts.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("/tableau-de-bord");
  return (
    <>
      <PortalHeader actor={actor} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
