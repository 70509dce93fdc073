import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Conventions de mini-stage", template: "%s · Conventions de mini-stage" },
  description: "Gestion des conventions de mini-stage entre lycées d'accueil et établissements d'origine.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="fr">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
