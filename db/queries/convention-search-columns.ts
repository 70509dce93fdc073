import { conventions, internships } from "@/db/schema";

/**
 * What a convention's search text is built from (`conventionSearchText`): its copies of the pupil,
 * guardian, school and date, and its session's course title (select with the enrolment and session joined).
 */
export const conventionSearchColumns = {
  studentLastName: conventions.studentLastName,
  studentFirstName: conventions.studentFirstName,
  guardianName: conventions.guardianName,
  originSchoolName: conventions.originSchoolName,
  internshipDate: conventions.internshipDate,
  internshipTitle: internships.title,
};
