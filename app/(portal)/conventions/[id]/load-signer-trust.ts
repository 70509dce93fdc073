import { getDb } from "@/db/client";
import { findPinnedSignersFor } from "@/db/queries/signer-trust";
import type { Actor } from "@/lib/core/auth/actor";
import { canManageConvention } from "@/lib/core/conventions/convention-permissions";
import type { PdfAnalysis } from "@/lib/core/pdf-analysis/analysis-types";
import { judgeKnownSigner, signerNameOf, type KnownSignerStatus } from "@/lib/core/trust/judge-known-signer";

function signaturesOf(analysis: unknown): PdfAnalysis["signatures"] {
  const signatures = (analysis as { signatures?: unknown } | null)?.signatures;
  return Array.isArray(signatures) ? signatures as PdfAnalysis["signatures"] : [];
}

/**
 * For the host admin of the convention: what the school knows today of each signer of the current
 * deposit (its accepted keys matched against the stored keys, without analysing the file again).
 * Null for anyone else, who sees only what the analysis stored.
 */
export async function loadSignerTrust(
  actor: Actor, convention: { hostSchoolId: string; originSchoolId: string }, analysis: unknown,
): Promise<KnownSignerStatus[] | null> {
  if (!canManageConvention(actor, convention)) return null;
  const signatures = signaturesOf(analysis);
  if (signatures.length === 0) return null;
  const keys = signatures.map((signature) => signature.signerKeySha256).filter((key): key is string => typeof key === "string" && key !== "");
  const names = signatures.map(signerNameOf).filter((name): name is string => name !== null);
  const accepted = await findPinnedSignersFor(await getDb(), actor, { keys, names });
  return signatures.map((signature) => judgeKnownSigner(signature, convention.originSchoolId, accepted));
}
