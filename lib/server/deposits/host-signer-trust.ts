import type { Db } from "@/db/client";
import type { DepositTarget } from "@/db/queries/deposits";
import { findHostSignerTrust, type HostSignerTrust } from "@/db/queries/signer-trust";
import type { Depositor } from "@/lib/core/auth/depositor";

/** The analysis options a host school's trust settings give, and the school they came from. */
export type SignerTrustOptions = HostSignerTrust & { hostSchoolId: string | null };

const NO_TRUST: SignerTrustOptions = { hostSchoolId: null, trustAnchors: [], pinnedKeys: [] };

/** How a convention is read for the depositor (the deposit passes one that reads each convention once). */
export type FindDepositTarget = (conventionId: string) => Promise<DepositTarget | null>;

/**
 * The host school whose anchors and accepted signers judge a deposit, when it is known before the
 * file is read: a deposit link's convention, the convention the user chose, or a host admin's own
 * school. Otherwise (an origin school's file not yet recognised) none: the deposit asks again once
 * the convention is known.
 */
export async function signerTrustBeforeAnalysis(
  db: Db, depositor: Depositor, requestedConventionId: string | null, findTarget: FindDepositTarget,
): Promise<SignerTrustOptions> {
  if (depositor.kind === "user" && depositor.actor.role === "host_admin") return signerTrustOf(db, depositor.actor.schoolId);
  const conventionId = depositor.kind === "link" ? depositor.conventionId : requestedConventionId;
  if (!conventionId) return NO_TRUST;
  const target = await findTarget(conventionId);
  return target?.isInScope ? signerTrustOf(db, target.hostSchoolId) : NO_TRUST;
}

export async function signerTrustOf(db: Db, hostSchoolId: string): Promise<SignerTrustOptions> {
  return { hostSchoolId, ...(await findHostSignerTrust(db, hostSchoolId)) };
}

/**
 * The trust settings of the convention a file turned out to be, when they differ from the ones it
 * was analysed with (so the analysis must run again with them); null when the analysis stands.
 */
export async function signerTrustAfterRecognition(
  db: Db, conventionId: string, used: SignerTrustOptions, findTarget: FindDepositTarget,
): Promise<SignerTrustOptions | null> {
  const target = await findTarget(conventionId);
  if (!target?.isInScope || target.hostSchoolId === used.hostSchoolId) return null;
  const actual = await signerTrustOf(db, target.hostSchoolId);
  const isEmpty = (trust: SignerTrustOptions) => trust.trustAnchors.length === 0 && trust.pinnedKeys.length === 0;
  return isEmpty(actual) && isEmpty(used) ? null : actual;
}
