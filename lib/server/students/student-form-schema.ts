import { z } from "zod";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "@/lib/core/text/control-characters";
import { isCalendarDate } from "@/lib/server/internships/is-calendar-date";

const name = (message: string) => z.string().trim().min(1, message).max(100, "100 caractères au plus.")
  .refine((value) => !hasControlCharacters(value), CONTROL_CHARACTERS_MESSAGE);

/**
 * A pupil as the origin school types it. The guardian's e-mail may wait: it is required only to
 * complete an enrollment, which is when the convention goes out.
 */
export const studentFormSchema = z
  .object({
    lastName: name("Indiquez le nom."),
    firstName: name("Indiquez le prénom."),
    className: z.string().trim().min(1, "Indiquez la classe.").max(40, "40 caractères au plus.")
      .refine((value) => !hasControlCharacters(value), CONTROL_CHARACTERS_MESSAGE),
    birthDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date de naissance."),
    guardianName: name("Indiquez le nom du responsable légal."),
    // Nullable too: the action parses the form, then the use-case parses the parsed value again.
    guardianEmail: z
      .string()
      .trim()
      .max(200, "200 caractères au plus.")
      .nullish()
      .refine((value) => !value || z.email().safeParse(value).success, "Adresse e-mail invalide.")
      .transform((value) => (value ? value.toLowerCase() : null)),
  })
  .refine((value) => isCalendarDate(value.birthDate), { message: "Cette date n'existe pas.", path: ["birthDate"] });

export type StudentForm = z.infer<typeof studentFormSchema>;
