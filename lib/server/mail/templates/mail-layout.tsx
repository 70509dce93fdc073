import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

const colors = { brand: "#1d4e89", text: "#1e293b", muted: "#64748b", border: "#e2e8f0", background: "#f1f5f9" };

type MailLayoutProps = {
  preview: string;
  heading: string;
  schoolName: string;
  details: { label: string; value: string }[];
  action?: { label: string; href: string };
  children?: ReactNode;
};

/** The frame every portal mail shares: greeting to the school, the key facts, one button, a footer. */
export function MailLayout({ preview, heading, schoolName, details, action, children }: MailLayoutProps) {
  return (
    <Html lang="fr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.background, fontFamily: "Arial, Helvetica, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", border: `1px solid ${colors.border}`, borderRadius: 8, maxWidth: 560, padding: 32 }}>
          <Text style={{ color: colors.brand, fontSize: 13, fontWeight: 700, margin: 0, textTransform: "uppercase" }}>
            Conventions de mini-stage
          </Text>
          <Heading as="h1" style={{ color: colors.text, fontSize: 22, margin: "12px 0 16px" }}>{heading}</Heading>
          <Text style={{ color: colors.text, fontSize: 15 }}>Bonjour {schoolName},</Text>
          {children}
          <Section style={{ border: `1px solid ${colors.border}`, borderRadius: 6, margin: "16px 0", padding: "8px 16px" }}>
            {details.map((detail) => (
              <Text key={detail.label} style={{ color: colors.text, fontSize: 14, margin: "6px 0" }}>
                <span style={{ color: colors.muted }}>{detail.label} : </span>
                <strong>{detail.value}</strong>
              </Text>
            ))}
          </Section>
          {action ? (
            <Section style={{ margin: "24px 0", textAlign: "center" }}>
              <Button href={action.href}
                style={{ backgroundColor: colors.brand, borderRadius: 6, color: "#ffffff", fontSize: 15, fontWeight: 700, padding: "12px 24px" }}>
                {action.label}
              </Button>
              <Text style={{ color: colors.muted, fontSize: 12, marginTop: 12, wordBreak: "break-all" }}>
                Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur : {action.href}
              </Text>
            </Section>
          ) : null}
          <Hr style={{ borderColor: colors.border, margin: "24px 0 12px" }} />
          <Text style={{ color: colors.muted, fontSize: 12, margin: 0 }}>
            Ce courriel a été envoyé automatiquement par le portail des conventions de mini-stage. Merci de ne pas y répondre.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ color: colors.text, fontSize: 15, lineHeight: "22px" }}>{children}</Text>;
}
