import type { MailPayloads } from "../mail-types";
import { MailLayout, Paragraph } from "./mail-layout";
import { ConventionsList } from "./conventions-list";

type Props = MailPayloads["conventions-validated"];

export function conventionsValidatedSubject(payload: Props): string {
  const count = payload.conventions.length + payload.moreCount;
  return count > 1 ? `${count} conventions validées — ${payload.hostSchoolName}` : `Convention validée — ${payload.conventions[0]?.studentName ?? ""}`;
}

/** To an origin school when the host validates several of its conventions at once: one mail listing them. */
export default function ConventionsValidatedMail(props: Props) {
  const count = props.conventions.length + props.moreCount;
  return (
    <MailLayout
      preview={`${props.hostSchoolName} a validé ${count} convention${count > 1 ? "s" : ""} de vos élèves.`}
      heading={count > 1 ? "Les conventions sont validées" : "La convention est validée"}
      schoolName={props.schoolName}
      details={[
        { label: "Établissement d'accueil", value: props.hostSchoolName },
        { label: "Conventions validées", value: String(count) },
      ]}
      action={{ label: "Voir les conventions validées", href: props.portalUrl }}
    >
      <Paragraph>
        {props.hostSchoolName} a validé {count > 1 ? "les conventions suivantes" : "la convention suivante"}. Les mini-stages
        peuvent avoir lieu ; il n&apos;y a plus rien à faire de votre côté.
      </Paragraph>
      <ConventionsList
        items={props.conventions.map((convention) => ({ studentName: convention.studentName, internshipDate: convention.internshipDate, href: convention.conventionUrl }))}
        linkLabel="Voir la convention"
        moreCount={props.moreCount}
      />
    </MailLayout>
  );
}

ConventionsValidatedMail.PreviewProps = {
  schoolName: "Collège Jean Moulin",
  hostSchoolName: "Lycée Victor Hugo",
  conventions: [
    { conventionId: "6f1c2a4e-8d3b-4f5a-9c7e-2b1d0e9f8a7c", studentName: "DUPONT Léa", internshipDate: "14-03-2026", conventionUrl: "http://localhost:3000/conventions/6f1c2a4e-8d3b-4f5a-9c7e-2b1d0e9f8a7c" },
  ],
  moreCount: 0,
  portalUrl: "http://localhost:3000/conventions/validees",
} satisfies Props;
