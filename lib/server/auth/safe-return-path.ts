/** Keeps a post-login destination inside the portal: a relative path, never another site. */
export function safeReturnPath(value: unknown, fallback = "/conventions/non-retournees"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  if (value.startsWith("/connexion")) return fallback;
  return value;
}
