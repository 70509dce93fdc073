import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conventions, schools } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { matchesSearch } from "./search-match";

export type PartnerSchool = {
  id: string;
  name: string;
  uai: string;
  city: string;
  headName: string | null;
  contactEmail: string | null;
  /** Conventions between this school and the actor's that are not validated yet. */
  conventionsInProgress: number;
};

/**
 * Contacts: the schools the actor's school works with — the collèges for a lycée, the lycées for a
 * collège — with the contact each set in its Options and the conventions still open between the two.
 */
export async function listPartnerSchools(db: DbOrTx, actor: Actor, q = ""): Promise<PartnerSchool[]> {
  const isHost = actor.role === "host_admin";
  const between = isHost
    ? and(eq(conventions.hostSchoolId, actor.schoolId), eq(conventions.originSchoolId, schools.id))
    : and(eq(conventions.originSchoolId, actor.schoolId), eq(conventions.hostSchoolId, schools.id));
  // Folded as the search is (normalizeSearchText): accents dropped, œ and æ spelt oe and ae.
  const searchable = sql`replace(replace(lower(translate(${schools.name} || ' ' || ${schools.uai} || ' ' || ${schools.city} || ' ' || coalesce(${schools.headName}, ''),
    'àâäáãåéèêëíìîïóòôöõúùûüçñÿÀÂÄÁÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÇÑŸŒÆ', 'aaaaaaeeeeiiiiooooouuuucnyAAAAAAEEEEIIIIOOOOOUUUUCNYœæ')), 'œ', 'oe'), 'æ', 'ae')`;
  const rows = await db
    .select({
      id: schools.id,
      name: schools.name,
      uai: schools.uai,
      city: schools.city,
      headName: schools.headName,
      contactEmail: schools.contactEmail,
      conventionsInProgress: sql<number>`count(${conventions.id})::int`,
    })
    .from(schools)
    // A join, not a subquery: the columns stay qualified by their table.
    .leftJoin(conventions, and(between, ne(conventions.state, "validated")))
    .where(and(
      isHost ? eq(schools.isOrigin, true) : eq(schools.isHost, true),
      ne(schools.id, actor.schoolId),
      matchesSearch(searchable, q),
    ))
    .groupBy(schools.id)
    .orderBy(asc(schools.name), asc(schools.id));
  return rows.map((row) => ({ ...row, conventionsInProgress: Number(row.conventionsInProgress) }));
}
