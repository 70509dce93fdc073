import type { MailPayloads } from "../mail-types";
import { MailLayout, Paragraph } from "./mail-layout";

type Props = MailPayloads["convention-validated"];

export function conventionValidatedSubject(payload: Props): string {
  return `Convention validée — ${payload.studentName}`;
}

/** To the origin school when the host validates the convention. */
export default function ConventionValidatedMail(props: Props) {
  return (
    <MailLayout
      preview={`La convention de ${props.studentName} pour le ${props.internshipDate} a été validée.`}
      heading="La convention est validée"
      schoolName={props.schoolName}
      details={[
        { label: "Stagiaire", value: props.studentName },
        { label: "Date du stage", value: props.internshipDate },
        { label: "Établissement d'accueil", value: props.hostSchoolName },
      ]}
      action={{ label: "Voir la convention", href: props.conventionUrl }}
    >
      <Paragraph>
        {props.hostSchoolName} a validé la convention de {props.studentName}. Le mini-stage du {props.internshipDate} peut
        avoir lieu ; il n&apos;y a plus rien à faire de votre côté.
      </Paragraph>
    </MailLayout>
  );
}

ConventionValidatedMail.PreviewProps = {
  schoolName: "Collège Jean Moulin",
  studentName: "DUPONT Léa",
  internshipDate: "14-03-2026",
  hostSchoolName: "Lycée Victor Hugo",
  conventionUrl: "http://localhost:3000/conventions/6f1c2a4e-8d3b-4f5a-9c7e-2b1d0e9f8a7c",
} satisfies Props;
