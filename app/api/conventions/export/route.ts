import { z } from "zod";
import { getDb } from "@/db/client";
import { conventionSortIds, type ConventionSortId } from "@/db/queries/convention-tab";
import { findSchoolFollowUpSettings } from "@/db/queries/schools";
import { conventionTabs } from "@/lib/core/conventions/convention-links";
import { conventionTabFilterParams, conventionTabFiltersOf } from "@/lib/core/conventions/convention-tab-filters";
import { parseTableQuery } from "@/lib/core/tables/table-query";
import { exportConventionTab } from "@/lib/server/exports/export-convention-tab";
import { createRouteHandler } from "@/lib/server/http/create-route-handler";
import { parisToday } from "@/lib/server/internships/paris-today";

const tabSlugs = ["non-retournees", "en-attente", "validees"] as const;
const contentTypes = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

/**
 * GET /api/conventions/export?onglet=en-attente&format=csv|xlsx (+ the tab's q, tri, ordre, verification,
 * urgence): every row of the tab the caller sees, as the tab shows them, streamed as a download.
 */
export const GET = createRouteHandler({
  caller: "session",
  query: z.object({ onglet: z.enum(tabSlugs), format: z.enum(["csv", "xlsx"]) }).catchall(z.string()),
  errors: "text",
  redirectToLogin: true,
  failureMessage: "L'export a échoué. Réessayez dans un instant.",
  handle: async ({ actor, query }) => {
    const tab = conventionTabs.find((candidate) => candidate.href.endsWith(`/${query.onglet}`))!;
    const table = parseTableQuery<ConventionSortId>(query, { sortable: conventionSortIds, defaultSort: "date", filters: conventionTabFilterParams });
    const db = await getDb();
    const { urgencyDays } = await findSchoolFollowUpSettings(db, actor);
    const today = parisToday();
    const filters = conventionTabFiltersOf(table.filters, { today, urgencyDays });
    const body = exportConventionTab(db, { actor, state: tab.state, query: table, filters, format: query.format, tabLabel: tab.label });
    const fileName = `conventions-${query.onglet}-${today}.${query.format}`;
    return new Response(body, {
      headers: {
        "Content-Type": contentTypes[query.format],
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
