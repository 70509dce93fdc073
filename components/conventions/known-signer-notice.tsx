import type { ReactNode } from "react";
import { formatDateFr } from "@/lib/core/format-date";
import type { KnownSignerStatus } from "@/lib/core/trust/judge-known-signer";

/** What the host school knows of a signature's signer, judged against its accepted keys today. */
export function KnownSignerNotice({ status, originSchoolName, children }: {
  status: KnownSignerStatus; originSchoolName: string; children?: ReactNode;
}) {
  if (status.kind === "not-applicable") return null;
  if (status.kind === "known") {
    return (
      <p className="mt-2 rounded border border-green-200 bg-green-50 px-2 py-1 text-green-900">
        Signataire connu : {status.signerName}, certificat accepté le {formatDateFr(status.acceptedAt)} pour le {status.originSchoolName}
      </p>
    );
  }
  return (
    <div className="mt-2">
      {status.kind === "other-school" ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900">
          Attention : ce certificat ({status.signerName}) a été accepté le {formatDateFr(status.acceptedAt)} pour
          {" "}{status.originSchoolNames.map((name) => `le ${name}`).join(", ")}, pas pour le {originSchoolName}.
          Vérifiez que ce signataire signe bien pour cet établissement.
        </p>
      ) : null}
      {status.kind === "new-certificate" ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900">
          Nouveau certificat pour ce nom : {status.signerName} était connu avec un autre certificat, accepté le
          {" "}{formatDateFr(status.acceptedAt)} pour le {status.originSchoolName}. Vérifiez auprès de l&apos;établissement avant de lui faire confiance.
        </p>
      ) : null}
      {status.canTrust ? children : null}
    </div>
  );
}
