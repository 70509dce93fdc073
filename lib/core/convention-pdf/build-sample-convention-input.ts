import type { ConventionPdfInput } from "./convention-pdf-input";
import { drawSampleSignatureImages } from "./draw-sample-signature-images";

export type SampleConventionOptions = {
  conventionId: string;
  appUrl?: string;
  /** Stamp fictitious signature images in both schools' boxes (PNG for the host, JPEG for the origin). */
  withStamps?: boolean;
};

let sampleImages: ReturnType<typeof drawSampleSignatureImages> | undefined;

/** A convention filled with fictitious French data, for the CLI, tests and benchmarks. */
export function buildSampleConventionInput(options: SampleConventionOptions): ConventionPdfInput {
  const images = options.withStamps ? (sampleImages ??= drawSampleSignatureImages()) : undefined;
  return {
    conventionId: options.conventionId,
    appUrl: options.appUrl ?? "http://localhost:3000",
    generatedAt: new Date("2025-01-20T09:15:00Z"),
    hostSchool: {
      name: "Lycée polyvalent Marie-Curie",
      city: "47300 Villeneuve-sur-Lot",
      uai: "0479901K",
      address: "12 avenue des Tilleuls",
      headName: "Mme Hélène Garçon-Lefèvre",
      signatureImage: images ? { bytes: images.png, type: "png" } : null,
    },
    originSchool: {
      name: "Collège Jean-Moulin",
      city: "47110 Sainte-Livrade-sur-Lot",
      uai: "0479902L",
      address: "3 rue de l'Église",
      headName: "M. François Dubœuf",
      signatureImage: images ? { bytes: images.jpeg, type: "jpeg" } : null,
    },
    student: { lastName: "Bérézé", firstName: "Maëlys", className: "3e B", birthDate: "2010-11-03" },
    guardian: { name: "Mme Noémie Bérézé", email: "noemie.bereze@exemple.fr" },
    internship: {
      title: "Bac pro Métiers de l'électricité et de ses environnements connectés",
      date: "2025-02-11",
      startTime: "08:30",
      endTime: "16:30",
      place: "Atelier d'électrotechnique, bâtiment C, salle C104",
      teacherName: "M. Rémi Castaing",
    },
  };
}
