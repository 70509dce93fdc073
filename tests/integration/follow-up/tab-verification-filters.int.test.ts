import { deposits } from "@/db/schema";
import { listConventionTab } from "@/db/queries/convention-tab";
import { countConventionTab } from "@/db/queries/convention-tab-counts";
import type { Actor } from "@/lib/core/auth/actor";
import type { ConventionTabFilters } from "@/lib/core/conventions/convention-tab-filters";
import type { VerificationStatus } from "@/lib/core/conventions/convention-verification";
import { applyConventionTransition } from "@/lib/server/conventions/apply-convention-transition";
import { invalidateConvention } from "@/lib/server/conventions/invalidate-convention";
import { updateFollowUpSettings } from "@/lib/server/schools/update-follow-up-settings";
import { findSchoolFollowUpSettings } from "@/db/queries/schools";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { createConvention, signedAnalysis } from "../conventions/convention-fixtures";

jest.setTimeout(120_000);

const page = { q: "", sort: "nom" as const, order: "asc" as const, page: 1, size: 50 };

describe.each(testDrivers())("« Vérification » and urgency in the tabs on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  const ids: Partial<Record<VerificationStatus | "soon" | "later", string>> = {};

  async function withDeposit(lastName: string, shape: { verdict: string; recognition: string; analysis?: Record<string, unknown> }) {
    const id = await createConvention(database.db, { host, origin, lastName, date: "2026-06-10" });
    const [deposit] = await database.db.insert(deposits).values({
      conventionId: id, fileKey: `cle-${lastName}`, sha256: "ab".repeat(32), size: 10, recognition: shape.recognition, verdict: shape.verdict,
      analysis: { ...signedAnalysis({ conventionId: id }), ...shape.analysis },
    }).returning();
    await database.db.transaction((tx) => applyConventionTransition(tx, { conventionId: id, event: "deposit", by: { kind: "link", conventionId: id }, depositId: deposit.id }));
    return id;
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff" });
    ids.signee = await withDeposit("Vert", { verdict: "signed", recognition: "automatic" });
    ids["signee-modifiee"] = await withDeposit("Complete", { verdict: "signed-then-modified", recognition: "suggested" });
    ids.scan = await withDeposit("Scanne", { verdict: "unsigned", recognition: "suggested", analysis: { signatures: [] } });
    ids.differences = await withDeposit("Retouche", { verdict: "signed", recognition: "suggested", analysis: { visualComparison: { status: "changed", pages: [] } } });
    ids["a-verifier"] = await withDeposit("Inconnu", { verdict: "signed", recognition: "automatic", analysis: { problems: ["Identité non vérifiée."] } });
    ids.invalidee = await withDeposit("Refuse", { verdict: "signed", recognition: "automatic" });
    await invalidateConvention(database.db, { conventionId: ids.invalidee, actor: host, reason: "signature-manquante" });
    ids.soon = await createConvention(database.db, { host, origin, lastName: "Bientot", date: "2026-03-05" });
    ids.later = await createConvention(database.db, { host, origin, lastName: "Plustard", date: "2026-03-20" });
  });
  afterAll(async () => { await database.close(); });

  it("gives every row of the tab its verification, and the filter keeps only the rows with it", async () => {
    const tab = await listConventionTab(database.db, host, "pending_validation", page);
    const byId = Object.fromEntries(tab.rows.map((row) => [row.id, row.verification]));
    for (const status of ["signee", "signee-modifiee", "scan", "differences", "a-verifier", "invalidee"] as const) {
      expect(byId[ids[status]!]).toBe(status);
      const filters: ConventionTabFilters = { verification: status };
      const filtered = await listConventionTab(database.db, host, "pending_validation", page, undefined, filters);
      expect(filtered.rows.map((row) => row.id)).toEqual([ids[status]]);
      expect(filtered.total).toBe(1);
    }
    const unreturned = await listConventionTab(database.db, host, "not_returned", page, undefined, { verification: "aucun-depot" });
    expect(unreturned.rows.map((row) => row.id).sort()).toEqual([ids.soon, ids.later].sort());
  });

  it("keeps the sessions of the next N days, and the dashboard counts them", async () => {
    const window = { sessionsBetween: { from: "2026-03-02", to: "2026-03-09" } };
    const tab = await listConventionTab(database.db, host, "not_returned", page, undefined, window);
    expect(tab.rows.map((row) => row.id)).toEqual([ids.soon]);
    expect(await countConventionTab(database.db, host, "not_returned", "", window)).toEqual({ total: 1, isEstimated: false });
    // Another school sees none of them.
    const other = await createSchoolWithUser(database.db, { role: "host_admin" });
    expect((await listConventionTab(database.db, other, "not_returned", page, undefined, window)).rows).toHaveLength(0);
  });

  it("saves the urgency window and the cooldown of the host's own school, and refuses what is out of range", async () => {
    expect(await findSchoolFollowUpSettings(database.db, host)).toEqual({ urgencyDays: 7, reminderCooldownDays: 3 });
    await updateFollowUpSettings(database.db, host, { urgencyDays: 10, reminderCooldownDays: 2 });
    expect(await findSchoolFollowUpSettings(database.db, host)).toEqual({ urgencyDays: 10, reminderCooldownDays: 2 });
    await expect(updateFollowUpSettings(database.db, host, { urgencyDays: 0, reminderCooldownDays: 2 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateFollowUpSettings(database.db, origin, { urgencyDays: 5, reminderCooldownDays: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await findSchoolFollowUpSettings(database.db, host)).toEqual({ urgencyDays: 10, reminderCooldownDays: 2 });
    expect(await findSchoolFollowUpSettings(database.db, origin)).toEqual({ urgencyDays: 7, reminderCooldownDays: 3 });
  });
});
