import type { MailPayloads } from "../mail-types";
import { MailLayout, Paragraph } from "./mail-layout";
import { ConventionsList } from "./conventions-list";

type Props = MailPayloads["conventions-reminder"];

export function conventionsReminderSubject(payload: Props): string {
  const count = payload.conventions.length + payload.moreCount;
  return count > 1 ? `Relance : ${count} conventions à retourner — ${payload.hostSchoolName}` : `Relance : convention à retourner — ${payload.conventions[0]?.studentName ?? ""}`;
}

/** To an origin school whose conventions are still not returned as their sessions come close: one mail listing all of them. */
export default function ConventionsReminderMail(props: Props) {
  const count = props.conventions.length + props.moreCount;
  return (
    <MailLayout
      preview={`${count} convention${count > 1 ? "s" : ""} de mini-stage à retourner à ${props.hostSchoolName}.`}
      heading={count > 1 ? "Des conventions sont à retourner" : "Une convention est à retourner"}
      schoolName={props.schoolName}
      details={[
        { label: "Établissement d'accueil", value: props.hostSchoolName },
        { label: "Conventions à retourner", value: String(count) },
      ]}
      action={{ label: "Ouvrir le portail", href: props.portalUrl }}
    >
      <Paragraph>
        Le mini-stage approche et {props.hostSchoolName} n&apos;a pas encore reçu {count > 1 ? "les conventions suivantes" : "la convention suivante"}.
        Faites-{count > 1 ? "les" : "la"} signer puis déposez chaque PDF avec son lien de dépôt (valable 30 jours) :
      </Paragraph>
      <ConventionsList
        items={props.conventions.map((convention) => ({
          studentName: convention.studentName, internshipDate: convention.internshipDate, href: convention.depositUrl, note: convention.urgency,
        }))}
        linkLabel="Déposer la convention"
        moreCount={props.moreCount}
      />
    </MailLayout>
  );
}

ConventionsReminderMail.PreviewProps = {
  schoolName: "Collège Jean Moulin",
  hostSchoolName: "Lycée Victor Hugo",
  conventions: [
    { conventionId: "6f1c2a4e-8d3b-4f5a-9c7e-2b1d0e9f8a7c", studentName: "DUPONT Léa", internshipDate: "14-03-2026", urgency: "dans 3 jours", depositUrl: "http://localhost:3000/depot/exemple-1" },
    { conventionId: "7a2d3b5f-9e4c-4a6b-8d8f-3c2e1f0a9b8d", studentName: "MARTIN Hugo", internshipDate: "15-03-2026", urgency: "dans 4 jours", depositUrl: "http://localhost:3000/depot/exemple-2" },
  ],
  moreCount: 0,
  portalUrl: "http://localhost:3000/conventions/non-retournees",
} satisfies Props;
