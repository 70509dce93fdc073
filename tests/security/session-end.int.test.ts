import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/core/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/test-db";
import { createSchoolWithUser } from "../support/seed-fixtures";

// The session cookie as next-auth decodes it: which user, and the session version it was opened at.
let cookieSession: { user: { id: string }; sessionVersion: number } | null = null;
const signOut = jest.fn(async () => undefined);
jest.mock("@/lib/server/auth/auth", () => ({
  auth: async () => cookieSession,
  signOut: (...args: unknown[]) => signOut(...(args as [])),
  signIn: async () => undefined,
  LoginLockedError: class extends Error {},
}));
jest.mock("react", () => ({ ...jest.requireActual("react"), cache: (fn: unknown) => fn }));

import { currentActor } from "@/lib/server/auth/require-actor";
import { logOut } from "@/app/connexion/actions";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";

jest.setTimeout(60_000);

describe.each(testDrivers())("sessions that end, on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(driver); });
  afterAll(async () => { await database.close(); });

  async function openSession(actor: Actor) {
    const logged = await verifyCredentials(database.db, actor.email, "secret-de-test");
    return { user: { id: actor.userId }, sessionVersion: logged!.sessionVersion };
  }

  it("logging out ends the session: the old cookie no longer opens any page, in this browser or another", async () => {
    const actor = await createSchoolWithUser(database.db, { role: "host_admin" });
    const oldCookie = await openSession(actor);
    const otherBrowser = await openSession(actor);
    cookieSession = oldCookie;
    expect(await currentActor()).toMatchObject({ userId: actor.userId });
    await logOut();
    expect(signOut).toHaveBeenCalled();
    cookieSession = oldCookie;
    expect(await currentActor()).toBeNull();
    cookieSession = otherBrowser;
    expect(await currentActor()).toBeNull();
    // A new login opens a new session.
    cookieSession = await openSession(actor);
    expect(await currentActor()).toMatchObject({ userId: actor.userId });
  });

  it("a new password ends every session of the account at once", async () => {
    const actor = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const session = await openSession(actor);
    cookieSession = session;
    expect(await currentActor()).not.toBeNull();
    await database.db.update(users).set({ passwordHash: await hashPassword("nouveau-secret") }).where(eq(users.id, actor.userId));
    expect(await currentActor()).toBeNull();
  });

  it("removing the account ends its sessions; a token without a version is refused", async () => {
    const actor = await createSchoolWithUser(database.db, { role: "origin_staff" });
    const session = await openSession(actor);
    cookieSession = { user: { id: actor.userId } } as never;
    expect(await currentActor()).toBeNull();
    cookieSession = session;
    await database.db.delete(users).where(eq(users.id, actor.userId));
    expect(await currentActor()).toBeNull();
  });
});
