import type { ConventionPdfInput } from "./convention-pdf-input";
import { formatCalendarDateWithWeekday, formatClockTime } from "./format-convention-values";

/** A piece of text in one weight; a paragraph is a list of runs wrapped together. */
export type TextRun = { text: string; bold?: boolean };

export type ConventionArticle = { title: string; paragraphs: TextRun[][] };

/** The articles of the convention, in French, with the stage's own values woven in. */
export function buildConventionArticles(input: ConventionPdfInput): ConventionArticle[] {
  const { hostSchool, originSchool, student, internship } = input;
  const pupil = `${student.firstName} ${student.lastName.toUpperCase()}`;
  const plain = (text: string): TextRun => ({ text });
  const strong = (text: string): TextRun => ({ text, bold: true });

  return [
    {
      title: "Article 1 – Objet",
      paragraphs: [
        [
          plain("La présente convention organise l'accueil de l'élève "),
          strong(pupil),
          plain(", scolarisé(e) à "),
          plain(originSchool.name),
          plain(", pour un mini-stage à "),
          plain(hostSchool.name),
          plain(
            ". Ce mini-stage permet à l'élève de découvrir une formation, ses enseignements et son " +
              "environnement afin de mûrir son projet d'orientation. Il ne donne lieu à aucune évaluation " +
              "ni à aucune rémunération.",
          ),
        ],
      ],
    },
    {
      title: "Article 2 – Organisation du mini-stage",
      paragraphs: [
        [
          plain("Le mini-stage a lieu le "),
          strong(formatCalendarDateWithWeekday(internship.date)),
          plain(", de "),
          strong(formatClockTime(internship.startTime)),
          plain(" à "),
          strong(formatClockTime(internship.endTime)),
          plain(", dans la formation « "),
          strong(internship.title),
          plain(" ». L'élève est attendu(e) au lieu suivant : "),
          plain(internship.place),
          plain(". Il ou elle y est pris(e) en charge par "),
          strong(internship.teacherName),
          plain(", professeur responsable du mini-stage, qui organise les activités de la journée."),
        ],
        [
          plain(
            "Pendant toute la durée du mini-stage, l'élève conserve son statut scolaire et reste " +
              "sous l'autorité de son établissement d'origine. Il ou elle assiste aux cours et aux activités " +
              "prévus, en observateur ou en participant, sans jamais occuper un poste de travail. Toute " +
              "modification de date ou d'horaire requiert l'accord des deux établissements et du " +
              "responsable légal.",
          ),
        ],
      ],
    },
    {
      title: "Article 3 – Assurance et responsabilité civile",
      paragraphs: [
        [
          plain(
            "Le responsable légal certifie que l'élève est couvert(e) par une assurance de responsabilité " +
              "civile pour les dommages qu'il ou elle pourrait causer pendant le mini-stage et pendant les " +
              "trajets qui s'y rattachent. L'établissement d'origine vérifie cette couverture avant la " +
              "signature. Chacun des deux établissements demeure responsable, dans les conditions du droit " +
              "commun, de l'organisation des activités qui lui incombe.",
          ),
        ],
      ],
    },
    {
      title: "Article 4 – Trajets",
      paragraphs: [
        [
          plain(
            "Sauf déplacement organisé par l'établissement d'origine, l'élève se rend directement à " +
              "l'établissement d'accueil puis rentre chez lui ou chez elle par ses propres moyens, sous la " +
              "responsabilité de son responsable légal. L'élève n'est pas autorisé(e) à quitter " +
              "l'établissement d'accueil avant l'heure de fin prévue, sauf demande écrite du responsable " +
              "légal remise au professeur responsable.",
          ),
        ],
      ],
    },
    {
      title: "Article 5 – Restauration",
      paragraphs: [
        [
          plain(
            "Lorsque la journée se prolonge l'après-midi, l'élève peut déjeuner au service de " +
              "restauration de l'établissement d'accueil, selon les modalités et le tarif fixés par celui-ci. " +
              "À défaut, le responsable légal prévoit le repas. Les allergies ou régimes particuliers sont " +
              "signalés à l'avance à l'établissement d'accueil.",
          ),
        ],
      ],
    },
    {
      title: "Article 6 – Sécurité et accident",
      paragraphs: [
        [
          plain(
            "L'élève respecte les consignes d'hygiène et de sécurité données par l'établissement " +
              "d'accueil, notamment dans les ateliers et les laboratoires. Il ou elle n'utilise aucune " +
              "machine, aucun outil ni aucun produit dangereux, et porte les équipements de protection " +
              "qui lui sont remis.",
          ),
        ],
        [
          plain(
            "En cas d'accident ou de malaise, l'établissement d'accueil fait donner les premiers soins, " +
              "appelle si besoin les services de secours et prévient sans délai le responsable légal et " +
              "l'établissement d'origine. Ce dernier effectue la déclaration d'accident, l'élève étant " +
              "placé(e) sous sa responsabilité.",
          ),
        ],
      ],
    },
    {
      title: "Article 7 – Discipline",
      paragraphs: [
        [
          plain(
            "L'élève se conforme au règlement intérieur de l'établissement d'accueil, notamment pour " +
              "la ponctualité, la tenue et l'usage du téléphone portable. En cas de manquement, le chef " +
              "d'établissement d'accueil peut mettre fin au mini-stage après en avoir informé le responsable " +
              "légal et l'établissement d'origine, seul compétent pour engager une éventuelle procédure " +
              "disciplinaire.",
          ),
        ],
      ],
    },
    {
      title: "Article 8 – Confidentialité",
      paragraphs: [
        [
          plain(
            "L'élève garde pour lui ou pour elle les informations personnelles qu'il ou elle pourrait " +
              "apprendre sur les élèves et les personnels de l'établissement d'accueil. Aucune photographie " +
              "ni aucun enregistrement n'est pris sans l'accord des personnes concernées. Les données " +
              "figurant sur cette convention servent uniquement à l'organisation du mini-stage et ne sont " +
              "pas transmises à des tiers.",
          ),
        ],
      ],
    },
  ];
}
