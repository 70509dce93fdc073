import { listConventionTab } from "@/db/queries/convention-tab";
import { searchConventions, searchOwnStudents } from "@/db/queries/convention-search";
import { countConventionTab } from "@/db/queries/convention-tab-counts";
import { listInternships } from "@/db/queries/internships";
import { listStudents } from "@/db/queries/students";
import { listDepositableConventions } from "@/db/queries/deposits";
import { conventionSortIds } from "@/db/queries/convention-tab";
import { internshipSorts } from "@/db/queries/internships";
import { studentSorts } from "@/db/queries/students";
import { parseTableQuery } from "@/lib/core/tables/table-query";
import type { Actor } from "@/lib/core/auth/actor";
import { registerStudent } from "@/lib/server/students/register-student";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/test-db";
import { createSchoolWithUser } from "../support/seed-fixtures";

let signedIn: Actor | null = null;
jest.mock("@/lib/server/auth/require-actor", () => ({ currentActor: async () => signedIn }));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { registerStudentAction } from "@/app/(portal)/stagiaires/actions";

jest.setTimeout(60_000);

const hostileSearches = ["a\u0000", "\u0000", "Du\u0000pont", "a\u001b[31m", "\u007f", "a%00"];

describe.each(testDrivers())("NUL and control characters never give a 500, on %s", (driver) => {
  let database: TestDatabase;
  let host: Actor;
  let origin: Actor;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    host = await createSchoolWithUser(database.db, { role: "host_admin" });
    origin = await createSchoolWithUser(database.db, { role: "origin_staff" });
  });
  afterAll(async () => { await database.close(); });

  it.each(hostileSearches)("reads ?q=%j on every tab, /recherche, /stagiaires and /stages as an ordinary search", async (q) => {
    const tabQuery = parseTableQuery({ q }, { sortable: conventionSortIds, defaultSort: "nom" });
    expect(tabQuery.q).not.toMatch(/[\u0000-\u001f\u007f]/);
    for (const actor of [host, origin]) {
      for (const state of ["not_returned", "pending_validation", "validated"] as const) {
        await expect(listConventionTab(database.db, actor, state, tabQuery)).resolves.toBeDefined();
        // The raw value too, should any caller skip the URL parser.
        await expect(countConventionTab(database.db, actor, state, q)).resolves.toBeDefined();
      }
      await expect(searchConventions(database.db, actor, q)).resolves.toEqual([]);
      await expect(searchOwnStudents(database.db, actor, q)).resolves.toEqual([]);
      await expect(listStudents(database.db, actor, parseTableQuery({ q }, { sortable: studentSorts, defaultSort: "nom" }))).resolves.toBeDefined();
      await expect(listStudents(database.db, actor, { ...parseTableQuery({}, { sortable: studentSorts, defaultSort: "nom" }), q })).resolves.toBeDefined();
      await expect(listInternships(database.db, actor, parseTableQuery({ q }, { sortable: internshipSorts, defaultSort: "date" }), "2026-01-01")).resolves.toBeDefined();
      await expect(listInternships(database.db, actor, { ...parseTableQuery({}, { sortable: internshipSorts, defaultSort: "date" }), q }, "2026-01-01")).resolves.toBeDefined();
      await expect(listDepositableConventions(database.db, { kind: "user", actor }, { search: q })).resolves.toEqual([]);
    }
  });

  function pupilForm(fields: Record<string, string>): FormData {
    const form = new FormData();
    const values = { lastName: "Dupont", firstName: "Léa", className: "3e B", birthDate: "2011-05-02", guardianName: "Mme Dupont", guardianEmail: "", ...fields };
    for (const [key, value] of Object.entries(values)) form.set(key, value);
    return form;
  }

  it.each([["lastName", "Du\u0000pont"], ["firstName", "L\u0000éa"], ["guardianName", "Mme\u001bDupont"], ["className", "3e\u0000B"]])(
    "refuses a pupil whose %s holds a control character, with a French message, and records nothing", async (field, value) => {
      signedIn = origin;
      const state = await registerStudentAction(null, pupilForm({ [field]: value }));
      expect(state).toMatchObject({ ok: false, fieldErrors: { [field]: expect.stringMatching(/caractère invisible non autorisé/) } });
      await expect(registerStudent(database.db, origin, {
        lastName: "Dupont", firstName: "Léa", className: "3e B", birthDate: "2011-05-02", guardianName: "Mme Dupont", guardianEmail: null, [field]: value,
      })).rejects.toBeDefined();
      const { total } = await listStudents(database.db, origin, parseTableQuery({}, { sortable: studentSorts, defaultSort: "nom" }));
      expect(total).toBe(0);
    },
  );
});
