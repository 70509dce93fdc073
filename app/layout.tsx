import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Conventions de mini-stage", template: "%s · Conventions de mini-stage" },
  description: "Gestion des conventions de mini-stage entre lycées d'accueil et établissements d'origine.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry the nonce of that request's Content-Security-Policy (proxy.ts).
  await connection();
  return (
    <html lang="fr">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
