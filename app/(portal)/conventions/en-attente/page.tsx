import type { Metadata } from "next";
import type { RawSearchParams } from "@/lib/core/tables/table-query";
import { ConventionTabPage } from "../convention-tab-page";
import { validateConventionAction } from "../actions";

export const metadata: Metadata = { title: "Conventions — En attente de validation" };

export default async function Page({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  return <ConventionTabPage state="pending_validation" title="En attente de validation" searchParams={await searchParams} validateAction={validateConventionAction} />;
}
