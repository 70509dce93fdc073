import { Link, Section, Text } from "@react-email/components";

export type ConventionListItem = { studentName: string; internshipDate: string; href: string; note?: string };

/** The conventions a grouped mail is about, one line each with its own link; the rest counted. */
export function ConventionsList({ items, linkLabel, moreCount }: { items: ConventionListItem[]; linkLabel: string; moreCount: number }) {
  return (
    <Section style={{ border: "1px solid #e2e8f0", borderRadius: 6, margin: "16px 0", padding: "8px 16px" }}>
      {items.map((item) => (
        <Text key={item.href} style={{ color: "#1e293b", fontSize: 14, margin: "8px 0" }}>
          <strong>{item.studentName}</strong> — stage du {item.internshipDate}
          {item.note ? <span style={{ color: "#b91c1c" }}> ({item.note})</span> : null}
          {" · "}
          <Link href={item.href} style={{ color: "#1d4e89" }}>{linkLabel}</Link>
        </Text>
      ))}
      {moreCount > 0 ? (
        <Text style={{ color: "#64748b", fontSize: 14, margin: "8px 0" }}>
          … et {moreCount} autre{moreCount > 1 ? "s" : ""} convention{moreCount > 1 ? "s" : ""}, à retrouver dans le portail.
        </Text>
      ) : null}
    </Section>
  );
}
