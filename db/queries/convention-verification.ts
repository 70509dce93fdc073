import { sql, type SQL } from "drizzle-orm";
import { conventions, deposits } from "@/db/schema";
import type { VerificationStatus } from "@/lib/core/conventions/convention-verification";

/**
 * The « Vérification » of the current deposit, computed from its stored analysis (the same cases as
 * `verificationStatuses`): read by primary key for a page's rows, and as a filter on the tab's rows.
 */
const depositVerification = sql<string>`(select case
    when (${deposits.analysis} -> 'identityMismatch') is not null and ${deposits.analysis} -> 'identityMismatch' <> 'null'::jsonb then 'a-verifier'
    when ${deposits.analysis} -> 'visualComparison' ->> 'status' = 'changed' then 'differences'
    when ${deposits.verdict} = 'signed' and ${deposits.recognition} = 'automatic'
      and coalesce(jsonb_array_length(case when jsonb_typeof(${deposits.analysis} -> 'problems') = 'array' then ${deposits.analysis} -> 'problems' end), 0) = 0 then 'signee'
    when ${deposits.verdict} = 'signed-then-modified' then 'signee-modifiee'
    when ${deposits.verdict} = 'unsigned' then 'scan'
    else 'a-verifier' end
  from ${deposits} where ${deposits.id} = ${conventions.currentDepositId})`;

export const conventionVerificationSql: SQL<VerificationStatus> = sql<VerificationStatus>`case
  when ${conventions.invalidatedAt} is not null then 'invalidee'
  when ${conventions.currentDepositId} is null then 'aucun-depot'
  else ${depositVerification} end`;

/** The rows whose « Vérification » is `status`. */
export function verificationIs(status: VerificationStatus): SQL {
  if (status === "invalidee") return sql`${conventions.invalidatedAt} is not null`;
  if (status === "aucun-depot") return sql`(${conventions.invalidatedAt} is null and ${conventions.currentDepositId} is null)`;
  return sql`(${conventions.invalidatedAt} is null and ${conventions.currentDepositId} is not null and ${depositVerification} = ${status})`;
}
