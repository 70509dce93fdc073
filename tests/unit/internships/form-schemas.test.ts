import { internshipFormSchema } from "@/lib/server/internships/internship-form-schema";
import { studentFormSchema } from "@/lib/server/students/student-form-schema";

const pupil = { lastName: " Martin ", firstName: "Léa", className: "3e B", birthDate: "2012-05-14", guardianName: "Mme Martin" };

describe("form schemas, parsed by the action and again by the use-case", () => {
  it("accept their own output, with or without the guardian's e-mail", () => {
    for (const guardianEmail of ["", "Parent@Exemple.TEST", undefined]) {
      const once = studentFormSchema.parse({ ...pupil, guardianEmail });
      expect(studentFormSchema.parse(once)).toEqual(once);
    }
    expect(studentFormSchema.parse({ ...pupil, guardianEmail: "Parent@Exemple.TEST" })).toMatchObject({ lastName: "Martin", guardianEmail: "parent@exemple.test" });
    expect(studentFormSchema.parse({ ...pupil, guardianEmail: "" }).guardianEmail).toBeNull();
    const session = { title: "CAP", date: "2026-12-03", startTime: "08:30", endTime: "12:00", place: "A1", teacherName: "M. X", seats: "4" };
    const parsed = internshipFormSchema.parse(session);
    expect(parsed.seats).toBe(4);
    expect(internshipFormSchema.parse(parsed)).toEqual(parsed);
  });

  it("refuse a malformed e-mail in French", () => {
    const result = studentFormSchema.safeParse({ ...pupil, guardianEmail: "pas-une-adresse" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("Adresse e-mail invalide.");
  });
});
