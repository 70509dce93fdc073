"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/tableau-de-bord", label: "Tableau de bord" },
  { href: "/calendrier", label: "Calendrier" },
  { href: "/stages", label: "Liste des stages" },
  { href: "/stagiaires", label: "Stagiaires" },
  { href: "/conventions/non-retournees", label: "Conventions", prefix: "/conventions" },
  { href: "/options", label: "Options" },
  { href: "/contacts", label: "Contacts" },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {links.map((link) => {
        const isActive = pathname.startsWith(link.prefix ?? link.href);
        return (
          <li key={link.href}>
            <Link href={link.href} aria-current={isActive ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-white/15 text-white" : "text-brand-100 hover:bg-white/10 hover:text-white"}`}>
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
