import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { pinnedSignerKeys, schools, trustAnchors, users } from "../schema";
import type { Actor } from "@/lib/core/auth/actor";
import { formatDateFr } from "@/lib/core/format-date";

export type TrustAnchorRow = {
  id: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
  addedByName: string | null;
  createdAt: Date;
};

/** The trust anchors of the actor's own school, oldest first; another school's are never read. */
export async function listTrustAnchors(db: DbOrTx, actor: Actor): Promise<TrustAnchorRow[]> {
  return db
    .select({
      id: trustAnchors.id,
      subject: trustAnchors.subject,
      issuer: trustAnchors.issuer,
      notBefore: trustAnchors.notBefore,
      notAfter: trustAnchors.notAfter,
      fingerprintSha256: trustAnchors.fingerprintSha256,
      addedByName: users.name,
      createdAt: trustAnchors.createdAt,
    })
    .from(trustAnchors)
    .leftJoin(users, eq(users.id, trustAnchors.addedByUserId))
    .where(eq(trustAnchors.schoolId, actor.schoolId))
    .orderBy(asc(trustAnchors.createdAt), asc(trustAnchors.id));
}

/** A signer key a host school accepted, as the convention page and the Options page show it. */
export type PinnedSignerRow = {
  id: string;
  spkiSha256: string;
  signerName: string;
  originSchoolId: string;
  originSchoolName: string;
  pinnedByName: string | null;
  createdAt: Date;
};

const pinnedSignerColumns = {
  id: pinnedSignerKeys.id,
  spkiSha256: pinnedSignerKeys.spkiSha256,
  signerName: pinnedSignerKeys.signerName,
  originSchoolId: pinnedSignerKeys.originSchoolId,
  originSchoolName: schools.name,
  pinnedByName: users.name,
  createdAt: pinnedSignerKeys.createdAt,
};

/** Every signer key the actor's school accepted, by origin school then name. */
export async function listPinnedSigners(db: DbOrTx, actor: Actor): Promise<PinnedSignerRow[]> {
  return db
    .select(pinnedSignerColumns)
    .from(pinnedSignerKeys)
    .innerJoin(schools, eq(schools.id, pinnedSignerKeys.originSchoolId))
    .leftJoin(users, eq(users.id, pinnedSignerKeys.pinnedByUserId))
    .where(eq(pinnedSignerKeys.hostSchoolId, actor.schoolId))
    .orderBy(asc(schools.name), asc(pinnedSignerKeys.signerName), asc(pinnedSignerKeys.createdAt));
}

/**
 * The keys the actor's school accepted that matter for the given signatures: the same key (for any
 * origin school) or the same signer name. Empty for anyone but a host admin.
 */
export async function findPinnedSignersFor(
  db: DbOrTx,
  actor: Actor,
  { keys, names }: { keys: string[]; names: string[] },
): Promise<PinnedSignerRow[]> {
  if (actor.role !== "host_admin" || (keys.length === 0 && names.length === 0)) return [];
  const matches = [
    ...(keys.length > 0 ? [inArray(pinnedSignerKeys.spkiSha256, keys.map((key) => key.toLowerCase()))] : []),
    ...(names.length > 0 ? [inArray(pinnedSignerKeys.signerName, names)] : []),
  ];
  return db
    .select(pinnedSignerColumns)
    .from(pinnedSignerKeys)
    .innerJoin(schools, eq(schools.id, pinnedSignerKeys.originSchoolId))
    .leftJoin(users, eq(users.id, pinnedSignerKeys.pinnedByUserId))
    .where(and(eq(pinnedSignerKeys.hostSchoolId, actor.schoolId), or(...matches)))
    .orderBy(asc(pinnedSignerKeys.createdAt), asc(pinnedSignerKeys.id))
    .limit(200);
}

/** What the analysis of a deposit receives from the host school: its anchors and its accepted keys, as plain data. */
export type HostSignerTrust = {
  trustAnchors: Uint8Array[];
  pinnedKeys: { spkiSha256: string; label: string }[];
};

/**
 * The anchors and accepted keys of one host school, for the analysis of a file deposited for one of
 * its conventions. The caller has already established that the deposit concerns that school; the
 * labels name the signer and the date only, never another origin school.
 */
export async function findHostSignerTrust(db: DbOrTx, hostSchoolId: string): Promise<HostSignerTrust> {
  const anchors = await db
    .select({ der: trustAnchors.certificateDer })
    .from(trustAnchors)
    .where(eq(trustAnchors.schoolId, hostSchoolId))
    .orderBy(asc(trustAnchors.createdAt));
  const pins = await db
    .select({ spkiSha256: pinnedSignerKeys.spkiSha256, signerName: pinnedSignerKeys.signerName, createdAt: pinnedSignerKeys.createdAt })
    .from(pinnedSignerKeys)
    .where(eq(pinnedSignerKeys.hostSchoolId, hostSchoolId))
    .orderBy(asc(pinnedSignerKeys.createdAt));
  const byKey = new Map<string, { spkiSha256: string; label: string }>();
  for (const pin of pins) {
    if (byKey.has(pin.spkiSha256)) continue;
    byKey.set(pin.spkiSha256, { spkiSha256: pin.spkiSha256, label: `${pin.signerName}, certificat accepté le ${formatDateFr(pin.createdAt)}` });
  }
  return { trustAnchors: anchors.map((anchor) => anchor.der), pinnedKeys: [...byKey.values()] };
}
