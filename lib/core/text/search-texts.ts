import { formatDateFr } from "@/lib/core/format-date";
import { normalizeSearchText } from "./normalize-search-text";

/**
 * The stored search text of each searchable row, in one place: every writer (registration,
 * correction, generation, rename, seed) builds it here, so a search finds a row however it came in.
 * Dates are stored as users type them, jj-mm-aaaa.
 */

export type ConventionSearchFields = {
  studentLastName: string;
  studentFirstName: string;
  guardianName: string;
  originSchoolName: string;
  internshipTitle: string;
  internshipDate: string;
};

/** A convention is found by its pupil, the legal guardian, the origin school, the course and the session's date. */
export function conventionSearchText(fields: ConventionSearchFields): string {
  return normalizeSearchText(
    fields.studentLastName,
    fields.studentFirstName,
    fields.guardianName,
    fields.originSchoolName,
    fields.internshipTitle,
    formatDateFr(fields.internshipDate),
  );
}

/** A pupil is found by their names and their legal guardian's. */
export function studentSearchText(fields: { lastName: string; firstName: string; guardianName: string }): string {
  return normalizeSearchText(fields.lastName, fields.firstName, fields.guardianName);
}

/** A session is found by its course, place, teacher and date. */
export function internshipSearchText(fields: { title: string; place: string; teacherName: string; date: string }): string {
  return normalizeSearchText(fields.title, fields.place, fields.teacherName, formatDateFr(fields.date));
}
