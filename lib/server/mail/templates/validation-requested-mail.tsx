import type { MailPayloads } from "../mail-types";
import { MailLayout, Paragraph } from "./mail-layout";

type Props = MailPayloads["validation-requested"];

export function validationRequestedSubject(payload: Props): string {
  return `Demande de validation — ${payload.studentName}`;
}

/** To the host admins when a signed convention is deposited. */
export default function ValidationRequestedMail(props: Props) {
  return (
    <MailLayout
      preview={`${props.originSchoolName} a déposé la convention de ${props.studentName} : elle attend votre validation.`}
      heading="Demande de validation d'une convention"
      schoolName={props.schoolName}
      details={[
        { label: "Stagiaire", value: props.studentName },
        { label: "Date du stage", value: props.internshipDate },
        { label: "Établissement d'origine", value: props.originSchoolName },
        { label: "Signatures", value: props.signatureSummary },
      ]}
      action={{ label: "Voir et valider la convention", href: props.conventionUrl }}
    >
      <Paragraph>
        {props.originSchoolName} a déposé la convention signée de {props.studentName}. Vérifiez le document et les
        signatures, puis validez-la ou invalidez-la en indiquant la raison.
      </Paragraph>
    </MailLayout>
  );
}

ValidationRequestedMail.PreviewProps = {
  schoolName: "Lycée Victor Hugo",
  studentName: "DUPONT Léa",
  internshipDate: "14-03-2026",
  originSchoolName: "Collège Jean Moulin",
  signatureSummary: "2 signatures électroniques valides",
  conventionUrl: "http://localhost:3000/conventions/6f1c2a4e-8d3b-4f5a-9c7e-2b1d0e9f8a7c",
} satisfies Props;
