import type { Db } from "@/db/client";
import { listDepositableConventions as queryDepositableConventions } from "@/db/queries/deposits";
import { conventionStateLabels } from "@/lib/core/conventions/convention-state-machine";
import { formatDateFr } from "@/lib/core/format-date";
import type { Depositor } from "@/lib/core/auth/depositor";
import { formatStudentName } from "@/lib/core/format-student-name";

export type DepositableConventionOption = {
  id: string;
  studentName: string;
  originSchoolName: string;
  internshipTitle: string;
  internshipDate: string;
  stateLabel: string;
};

/** The pupils offered when a file is not recognised: only conventions this depositor may deposit for. */
export async function listDepositableConventions(
  db: Db,
  { depositor, search }: { depositor: Depositor; search?: string | null },
): Promise<DepositableConventionOption[]> {
  const rows = await queryDepositableConventions(db, depositor, { search: search?.slice(0, 100), limit: 20 });
  return rows.map((row) => ({
    id: row.id,
    studentName: formatStudentName(row.studentLastName, row.studentFirstName),
    originSchoolName: row.originSchoolName,
    internshipTitle: row.internshipTitle,
    internshipDate: formatDateFr(row.internshipDate),
    stateLabel: conventionStateLabels[row.state],
  }));
}
