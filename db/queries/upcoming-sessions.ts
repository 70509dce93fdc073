import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { enrollments, internships, students } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";

export type UpcomingSession = { id: string; title: string; date: string; startTime: string; endTime: string; enrolled: number };

/** The next sessions of the actor's school: its own (host) or those its pupils attend (origin). */
export async function listUpcomingSessions(db: DbOrTx, actor: Actor, today: string, limit = 5): Promise<UpcomingSession[]> {
  // Counted as on the session's page: every enrollment not cancelled. The join keeps the columns table-qualified.
  const enrolledCount = sql<number>`(count(${enrollments.id}) filter (where ${enrollments.status} <> 'cancelled'))::int`.mapWith(Number);
  const scope = actor.role === "host_admin"
    ? eq(internships.hostSchoolId, actor.schoolId)
    : sql`exists (select 1 from ${enrollments} e join ${students} s on s.id = e.student_id
        where e.internship_id = ${internships.id} and s.origin_school_id = ${actor.schoolId} and e.status = 'completed')`;
  return db
    .select({
      id: internships.id,
      title: internships.title,
      date: internships.date,
      startTime: internships.startTime,
      endTime: internships.endTime,
      enrolled: enrolledCount,
    })
    .from(internships)
    .leftJoin(enrollments, eq(enrollments.internshipId, internships.id))
    .where(and(scope, sql`${internships.date} >= ${today}`, sql`${internships.cancelledAt} is null`))
    .groupBy(internships.id)
    .orderBy(asc(internships.date), asc(internships.startTime))
    .limit(limit);
}
