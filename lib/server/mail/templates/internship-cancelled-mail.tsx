import type { MailPayloads } from "../mail-types";
import { MailLayout, Paragraph } from "./mail-layout";

type Props = MailPayloads["internship-cancelled"] & { portalUrl: string };

export function internshipCancelledSubject(payload: MailPayloads["internship-cancelled"]): string {
  return `Mini-stage annulé — ${payload.internshipTitle} du ${payload.internshipDate}`;
}

/** To each origin school with pupils enrolled when the host cancels a session. */
export default function InternshipCancelledMail(props: Props) {
  const pupils = props.studentNames.length > 0 ? props.studentNames.join(", ") : "aucun stagiaire inscrit";
  return (
    <MailLayout
      preview={`Le mini-stage « ${props.internshipTitle} » du ${props.internshipDate} est annulé.`}
      heading="Un mini-stage a été annulé"
      schoolName={props.schoolName}
      details={[
        { label: props.studentNames.length > 1 ? "Stagiaires concernés" : "Stagiaire concerné", value: pupils },
        { label: "Stage", value: props.internshipTitle },
        { label: "Date du stage", value: props.internshipDate },
        { label: "Établissement d'accueil", value: props.hostSchoolName },
      ]}
      action={{ label: "Voir vos stagiaires", href: props.portalUrl }}
    >
      <Paragraph>
        {props.hostSchoolName} a annulé le mini-stage « {props.internshipTitle} » du {props.internshipDate}. Les
        stagiaires de votre établissement qui y étaient inscrits peuvent être inscrits à une autre session.
      </Paragraph>
    </MailLayout>
  );
}

InternshipCancelledMail.PreviewProps = {
  schoolName: "Collège Jean Moulin",
  internshipTitle: "Bac pro Métiers de l'électricité",
  internshipDate: "14-03-2026",
  hostSchoolName: "Lycée Victor Hugo",
  studentNames: ["DUPONT Léa", "MARTIN Hugo"],
  portalUrl: "http://localhost:3000/stagiaires",
} satisfies Props;
