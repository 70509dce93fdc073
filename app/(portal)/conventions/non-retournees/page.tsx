import type { Metadata } from "next";
import type { RawSearchParams } from "@/lib/core/tables/table-query";
import { ConventionTabPage } from "../convention-tab-page";
import { validateConventionAction } from "../actions";

export const metadata: Metadata = { title: "Conventions — Non retournées" };

export default async function Page({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  return <ConventionTabPage state="not_returned" title="Non retournées" searchParams={await searchParams} validateAction={validateConventionAction} />;
}
