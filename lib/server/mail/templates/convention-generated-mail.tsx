import type { MailPayloads } from "../mail-types";
import { MailLayout, Paragraph } from "./mail-layout";
import { DEPOSIT_LINK_LIFETIME_DAYS } from "@/lib/core/deposit-links/deposit-token";

type Props = MailPayloads["convention-generated"];

export function conventionGeneratedSubject(payload: Props): string {
  return `Convention de mini-stage à signer — ${payload.studentName}`;
}

/** To the origin school when the convention is generated, with the PDF attached. */
export default function ConventionGeneratedMail(props: Props) {
  return (
    <MailLayout
      preview={`La convention de ${props.studentName} pour le ${props.internshipDate} est prête à être signée.`}
      heading="Une convention de mini-stage est à faire signer"
      schoolName={props.schoolName}
      details={[
        { label: "Stagiaire", value: props.studentName },
        { label: "Stage", value: props.internshipTitle },
        { label: "Date du stage", value: props.internshipDate },
        { label: "Établissement d'accueil", value: props.hostSchoolName },
      ]}
      action={{ label: "Déposer la convention signée", href: props.depositUrl }}
    >
      <Paragraph>
        L&apos;inscription de {props.studentName} au mini-stage « {props.internshipTitle} » du {props.internshipDate} au{" "}
        {props.hostSchoolName} est terminée. La convention est jointe à ce courriel.
      </Paragraph>
      <Paragraph>
        Faites-la signer par le chef d&apos;établissement et par le responsable légal du stagiaire, puis déposez le PDF
        signé avec le bouton ci-dessous (aucun compte n&apos;est nécessaire ; le lien de dépôt est valable
        {" "}{DEPOSIT_LINK_LIFETIME_DAYS} jours). Vous pouvez aussi la retrouver dans le portail : {props.conventionUrl}
      </Paragraph>
    </MailLayout>
  );
}

ConventionGeneratedMail.PreviewProps = {
  schoolName: "Collège Jean Moulin",
  studentName: "DUPONT Léa",
  internshipTitle: "Bac pro Métiers de l'électricité",
  internshipDate: "14-03-2026",
  hostSchoolName: "Lycée Victor Hugo",
  conventionUrl: "http://localhost:3000/conventions/6f1c2a4e-8d3b-4f5a-9c7e-2b1d0e9f8a7c",
  depositUrl: "http://localhost:3000/depot/exemple-de-jeton",
} satisfies Props;
