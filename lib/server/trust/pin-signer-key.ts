import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventions, deposits, pinnedSignerKeys } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { canManageConvention } from "@/lib/core/conventions/convention-permissions";
import { AppError } from "@/lib/core/errors";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { findSignerCertificate } from "@/lib/core/trust/find-signer-certificate";
import type { FileStore } from "@/lib/server/files/file-store";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { assertHostAdmin } from "./assert-host-admin";

export type PinSignerKeyInput = {
  conventionId: string;
  /** The signature field of the convention's current deposit whose signer is accepted. */
  field: string;
  /** The key the page showed, so that a deposit replaced meanwhile is not accepted blindly. */
  signerKeySha256: string;
  store?: FileStore;
};

export type PinSignerKeyResult = { signerName: string; originSchoolName: string; wasAlreadyKnown: boolean };

const notTrustable = (message: string) => new AppError("SIGNER_NOT_TRUSTABLE", message);

/**
 * « Faire confiance à ce signataire »: the host admin accepts the key of a signature of the
 * convention's current deposit for the convention's origin school. Stores the key's SHA-256, the
 * certificate, both schools, who and when; later deposits signed with that key are recognised.
 */
export async function pinSignerKey(db: DbOrTx, actor: Actor, input: PinSignerKeyInput): Promise<PinSignerKeyResult> {
  assertHostAdmin(actor);
  const [convention] = await db
    .select({
      id: conventions.id,
      hostSchoolId: conventions.hostSchoolId,
      originSchoolId: conventions.originSchoolId,
      originSchoolName: conventions.originSchoolName,
      depositId: deposits.id,
      fileKey: deposits.fileKey,
      analysis: deposits.analysis,
    })
    .from(conventions)
    .leftJoin(deposits, eq(deposits.id, conventions.currentDepositId))
    .where(and(eq(conventions.id, input.conventionId), eq(conventions.hostSchoolId, actor.schoolId)))
    .limit(1);
  if (!convention || !canManageConvention(actor, convention)) throw new AppError("CONVENTION_NOT_FOUND");
  if (!convention.depositId || !convention.fileKey) throw notTrustable("Cette convention n'a pas de document signé déposé.");

  const key = input.signerKeySha256.toLowerCase();
  const analysis = convention.analysis as PdfAnalysis | null;
  const signature = analysis?.signatures?.find((candidate) => candidate.field === input.field && candidate.signerKeySha256 === key);
  if (!signature) throw notTrustable("Cette signature n'est plus celle du document actuel : rechargez la page.");
  if (signature.isTimestamp) throw notTrustable("Un horodatage n'est pas un signataire : il ne peut pas être accepté.");
  if (signature.integrity !== "valid") throw notTrustable("Cette signature n'est pas intacte : son signataire ne peut pas être accepté.");

  const store = input.store ?? await getFileStore();
  const pdf = await store.get(convention.fileKey);
  const certificateDer = findSignerCertificate(pdf, signature.field, key);
  if (!certificateDer) throw notTrustable("Le certificat de ce signataire n'a pas pu être relu dans le document déposé.");

  const signerName = signature.signer?.commonName || signature.signer?.email || "Signataire sans nom";
  const inserted = await db
    .insert(pinnedSignerKeys)
    .values({
      hostSchoolId: actor.schoolId,
      originSchoolId: convention.originSchoolId,
      spkiSha256: key,
      certificateDer,
      signerName,
      conventionId: convention.id,
      pinnedByUserId: actor.userId,
    })
    .onConflictDoNothing({ target: [pinnedSignerKeys.hostSchoolId, pinnedSignerKeys.originSchoolId, pinnedSignerKeys.spkiSha256] })
    .returning({ id: pinnedSignerKeys.id });
  return { signerName, originSchoolName: convention.originSchoolName, wasAlreadyKnown: inserted.length === 0 };
}
