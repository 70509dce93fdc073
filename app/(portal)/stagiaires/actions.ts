"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { createAction } from "@/lib/server/actions/create-action";
import { cancelDraftEnrollment } from "@/lib/server/enrollments/cancel-draft-enrollment";
import { completeEnrollment } from "@/lib/server/enrollments/complete-enrollment";
import { enrollStudent } from "@/lib/server/enrollments/enroll-student";
import { registerStudent } from "@/lib/server/students/register-student";
import { studentFormSchema } from "@/lib/server/students/student-form-schema";
import { updateStudent } from "@/lib/server/students/update-student";

const studentIdSchema = z.object({ studentId: z.uuid("Stagiaire introuvable.") });

export const registerStudentAction = createAction(
  { schema: studentFormSchema, roles: ["origin_staff"] },
  async (input, actor) => {
    const { studentId } = await registerStudent(await getDb(), actor, input);
    return { flash: "stagiaire-enregistre", redirectTo: `/stagiaires/${studentId}`, revalidate: ["/stagiaires"] };
  },
);

export const updateStudentAction = createAction(
  { schema: z.intersection(studentIdSchema, studentFormSchema), roles: ["origin_staff"] },
  async (input, actor) => {
    const { studentId } = await updateStudent(await getDb(), actor, input);
    return { flash: "stagiaire-modifie", redirectTo: `/stagiaires/${studentId}`, revalidate: ["/stagiaires"] };
  },
);

export const enrollStudentAction = createAction(
  { schema: studentIdSchema.extend({ internshipId: z.uuid("Choisissez un stage.") }), roles: ["origin_staff"] },
  async (input, actor) => {
    await enrollStudent(await getDb(), actor, input);
    return {
      flash: "stagiaire-inscrit",
      redirectTo: `/stagiaires/${input.studentId}`,
      revalidate: ["/stages", "/calendrier"],
    };
  },
);

export const completeEnrollmentAction = createAction(
  { schema: z.object({ enrollmentId: z.uuid("Inscription introuvable.") }), roles: ["origin_staff"] },
  async ({ enrollmentId }, actor) => {
    const result = await completeEnrollment(await getDb(), actor, { enrollmentId });
    return {
      flash: result.isNewConvention ? "inscription-terminee" : "inscription-deja-terminee",
      redirectTo: `/stagiaires/${result.studentId}`,
      revalidate: ["/conventions/non-retournees"],
    };
  },
);

export const cancelDraftEnrollmentAction = createAction(
  { schema: z.object({ enrollmentId: z.uuid("Inscription introuvable.") }), roles: ["origin_staff"] },
  async ({ enrollmentId }, actor) => {
    const { studentId } = await cancelDraftEnrollment(await getDb(), actor, { enrollmentId });
    return { flash: "inscription-abandonnee", redirectTo: `/stagiaires/${studentId}`, revalidate: ["/stages", "/calendrier"] };
  },
);
