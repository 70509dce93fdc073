import { getDb } from "@/db/client";
import { listPinnedSigners, listTrustAnchors } from "@/db/queries/signer-trust";
import { PinnedSignersList } from "@/components/options/pinned-signers-list";
import { TrustAnchorsPanel } from "@/components/options/trust-anchors-panel";
import type { Actor } from "@/lib/core/auth/actor";
import { formatDateFr } from "@/lib/core/format-date";
import { formatFingerprint } from "@/lib/core/trust/read-certificate-file";
import { importTrustAnchorsAction, removePinnedSignerAction, removeTrustAnchorAction } from "./trust-actions";

/** The host school's trust store and known signers, on the Options page of its admins. */
export async function SignerTrustOptions({ actor }: { actor: Actor }) {
  const db = await getDb();
  const [anchors, signers] = await Promise.all([listTrustAnchors(db, actor), listPinnedSigners(db, actor)]);
  return (
    <>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">Autorités de confiance</h2>
        <p className="mt-1 text-sm text-slate-600">
          Une signature dont le certificat remonte à l&apos;une de ces autorités (par exemple celle de votre académie) est
          affichée « identité vérifiée ». Elles servent aux dépôts faits après leur import.
        </p>
        <TrustAnchorsPanel
          importAction={importTrustAnchorsAction}
          removeAction={removeTrustAnchorAction}
          anchors={anchors.map((anchor) => ({
            id: anchor.id,
            subject: anchor.subject,
            issuer: anchor.issuer,
            validFrom: formatDateFr(anchor.notBefore),
            validTo: formatDateFr(anchor.notAfter),
            fingerprint: formatFingerprint(anchor.fingerprintSha256),
            addedBy: anchor.addedByName ?? "un compte supprimé",
            addedAt: formatDateFr(anchor.createdAt),
          }))}
        />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">Signataires connus</h2>
        <p className="mt-1 text-sm text-slate-600">
          Les signataires acceptés depuis la page d&apos;une convention : leurs prochaines signatures avec le même certificat sont reconnues.
        </p>
        <PinnedSignersList
          removeAction={removePinnedSignerAction}
          signers={signers.map((signer) => ({
            id: signer.id,
            signerName: signer.signerName,
            originSchoolName: signer.originSchoolName,
            acceptedAt: formatDateFr(signer.createdAt),
            acceptedBy: signer.pinnedByName ?? "un compte supprimé",
          }))}
        />
      </div>
    </>
  );
}
