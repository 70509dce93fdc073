const labels: Record<string, { text: string; className: string }> = {
  pending: { text: "En attente", className: "bg-slate-100 text-slate-800" },
  sending: { text: "En cours d'envoi", className: "bg-blue-100 text-blue-800" },
  sent: { text: "Distribué", className: "bg-green-100 text-green-800" },
  failed: { text: "Échec", className: "bg-red-100 text-red-800" },
};

export function MailStatusBadge({ status }: { status: string }) {
  const label = labels[status] ?? { text: status, className: "bg-slate-100 text-slate-800" };
  return <span className={`rounded px-2 py-0.5 text-xs font-semibold ${label.className}`}>{label.text}</span>;
}
