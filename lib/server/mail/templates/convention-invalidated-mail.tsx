import type { MailPayloads } from "../mail-types";
import { MailLayout, Paragraph } from "./mail-layout";
import { DEPOSIT_LINK_LIFETIME_DAYS } from "@/lib/core/deposit-links/deposit-token";

type Props = MailPayloads["convention-invalidated"];

export function conventionInvalidatedSubject(payload: Props): string {
  return `Convention à déposer de nouveau — ${payload.studentName}`;
}

/** To the origin school when the host invalidates the convention, with the reason and a deposit link. */
export default function ConventionInvalidatedMail(props: Props) {
  return (
    <MailLayout
      preview={`La convention de ${props.studentName} a été invalidée : ${props.reason}`}
      heading="La convention a été invalidée"
      schoolName={props.schoolName}
      details={[
        { label: "Stagiaire", value: props.studentName },
        { label: "Date du stage", value: props.internshipDate },
        { label: "Établissement d'accueil", value: props.hostSchoolName },
        { label: "Raison", value: props.reason },
        ...(props.note ? [{ label: "Précision", value: props.note }] : []),
      ]}
      action={{ label: "Déposer une convention corrigée", href: props.depositUrl }}
    >
      <Paragraph>
        {props.hostSchoolName} n&apos;a pas pu valider la convention de {props.studentName}. Corrigez-la selon la raison
        indiquée ci-dessous, puis déposez de nouveau le PDF signé avec le bouton (lien valable {DEPOSIT_LINK_LIFETIME_DAYS} jours).
        Vous pouvez aussi la retrouver dans le portail : {props.conventionUrl}
      </Paragraph>
    </MailLayout>
  );
}

ConventionInvalidatedMail.PreviewProps = {
  schoolName: "Collège Jean Moulin",
  studentName: "DUPONT Léa",
  internshipDate: "14-03-2026",
  hostSchoolName: "Lycée Victor Hugo",
  reason: "Signature du responsable légal manquante",
  note: "Merci de faire signer la page 2.",
  conventionUrl: "http://localhost:3000/conventions/6f1c2a4e-8d3b-4f5a-9c7e-2b1d0e9f8a7c",
  depositUrl: "http://localhost:3000/depot/exemple-de-jeton",
} satisfies Props;
