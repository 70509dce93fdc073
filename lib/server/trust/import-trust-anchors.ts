import type { DbOrTx } from "@/db/client";
import { trustAnchors } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { AppError } from "@/lib/core/errors";
import { readCertificateFile } from "@/lib/core/trust/read-certificate-file";
import { assertHostAdmin } from "./assert-host-admin";

export type ImportTrustAnchorsResult = { added: string[]; alreadyPresent: string[] };

/**
 * Imports the certificates of one file (PEM, DER or PKCS#7 bundle) as trust anchors of the actor's
 * own school. All or nothing: an unreadable file stores nothing; a certificate already there is
 * counted, not stored twice.
 */
export async function importTrustAnchors(db: DbOrTx, actor: Actor, bytes: Uint8Array): Promise<ImportTrustAnchorsResult> {
  assertHostAdmin(actor);
  const read = readCertificateFile(bytes);
  if (!read.ok) throw new AppError("CERTIFICATE_INVALID", read.reason);
  const inserted = await db
    .insert(trustAnchors)
    .values(read.certificates.map((certificate) => ({
      schoolId: actor.schoolId,
      certificateDer: certificate.der,
      subject: certificate.subject,
      issuer: certificate.issuer,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      fingerprintSha256: certificate.fingerprintSha256,
      addedByUserId: actor.userId,
    })))
    .onConflictDoNothing({ target: [trustAnchors.schoolId, trustAnchors.fingerprintSha256] })
    .returning({ fingerprintSha256: trustAnchors.fingerprintSha256 });
  const addedFingerprints = new Set(inserted.map((row) => row.fingerprintSha256));
  return {
    added: read.certificates.filter((c) => addedFingerprints.has(c.fingerprintSha256)).map((c) => c.subject),
    alreadyPresent: read.certificates.filter((c) => !addedFingerprints.has(c.fingerprintSha256)).map((c) => c.subject),
  };
}
