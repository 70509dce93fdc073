import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/server/config/env";
import { clientAddressOf } from "./client-address";
import { logInWithPassword } from "./log-in-with-password";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Refusal of a locked account or address; the login form turns it into the French wait message. */
export class LoginLockedError extends CredentialsSignin {
  code = "verrouille";
  retryAfterSeconds = 0;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/connexion" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // The throttle lives here, not in the form's action, so that posting to /api/auth/callback/credentials directly is counted too.
      async authorize(credentials, request) {
        const outcome = await logInWithPassword(await getDb(), {
          email: credentials?.email,
          password: credentials?.password,
          ipAddress: clientAddressOf(request.headers),
        });
        if (outcome.kind === "locked") {
          const error = new LoginLockedError();
          error.retryAfterSeconds = outcome.retryAfterSeconds;
          throw error;
        }
        if (outcome.kind !== "logged-in") return null;
        const { actor, sessionVersion } = outcome;
        return { id: actor.userId, email: actor.email, name: actor.name, sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub && session.user) session.user.id = token.sub;
      return Object.assign(session, { sessionVersion: typeof token.sv === "number" ? token.sv : null });
    },
  },
});
