import { z } from "zod";
import { isCalendarDate } from "@/lib/server/internships/is-calendar-date";

const time = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Heure attendue au format hh:mm.");

/** A mini-stage session as the host admin types it; the same rules for creation and edition. */
export const internshipFormSchema = z
  .object({
    title: z.string().trim().min(1, "Indiquez la formation.").max(200, "200 caractères au plus."),
    date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date du stage."),
    startTime: time,
    endTime: time,
    place: z.string().trim().min(1, "Indiquez le lieu.").max(200, "200 caractères au plus."),
    teacherName: z.string().trim().min(1, "Indiquez l'enseignant responsable.").max(200, "200 caractères au plus."),
    seats: z.coerce.number({ message: "Indiquez un nombre de places." })
      .int("Le nombre de places doit être un nombre entier.")
      .min(1, "Il faut au moins une place.")
      .max(200, "200 places au plus."),
  })
  .refine((value) => isCalendarDate(value.date), { message: "Cette date n'existe pas.", path: ["date"] })
  .refine((value) => value.startTime < value.endTime, { message: "L'heure de fin doit suivre l'heure de début.", path: ["endTime"] });

export type InternshipForm = z.infer<typeof internshipFormSchema>;
