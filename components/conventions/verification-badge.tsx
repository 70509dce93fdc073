import { verificationText, verificationTone, type VerificationStatus } from "@/lib/core/conventions/convention-verification";
import type { UrgencyBadge as UrgencyBadgeValue } from "@/lib/core/conventions/convention-urgency";

const toneClasses = {
  ok: "bg-green-100 text-green-900",
  warning: "bg-amber-100 text-amber-900",
  danger: "bg-red-100 text-red-900",
  neutral: "bg-slate-100 text-slate-700",
} as const;

/** The « Vérification » cell: what the current deposit says (the pupil's name leads to the page that explains it). */
export function VerificationBadge({ status, invalidationReason }: { status: VerificationStatus; invalidationReason: string | null }) {
  // Nothing deposited yet (most of « non retournées »): a dash keeps the column narrow.
  if (status === "aucun-depot") return <span className="text-slate-500"><span aria-hidden="true">—</span><span className="sr-only">Non déposée</span></span>;
  return (
    <span className={`inline-block w-fit rounded px-1.5 py-0.5 text-xs font-medium ${toneClasses[verificationTone(status)]}`}>
      {verificationText(status, invalidationReason)}
    </span>
  );
}

/** « J-3 » on an unreturned convention whose session is close; red once the session is today or past. */
export function UrgencyBadge({ badge }: { badge: UrgencyBadgeValue | null }) {
  if (!badge) return null;
  const isRed = badge.isPast || badge.label === "J-0";
  return (
    <span title={badge.title}
      className={`mt-1 block w-fit rounded px-1.5 py-0.5 text-xs font-semibold ${isRed ? "bg-red-700 text-white" : "bg-amber-200 text-amber-950"}`}>
      {badge.label}<span className="sr-only"> : {badge.title}</span>
    </span>
  );
}
