/** Where a login goes when the requested destination is missing or not a plain path of the portal. */
export const DEFAULT_RETURN_PATH = "/";

const MAX_LENGTH = 2000;
// The raw value travels in a Location header: printable ASCII only, no space.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
// Once decoded: no control character or backslash anywhere; the path itself is plain printable ASCII
// (every route of the portal is), so no space, invisible character or look-alike dot ("。") hides in it.
const FORBIDDEN_DECODED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/u;
const ENCODED_SEPARATOR = /%(2f|5c)/i;
const DOT_SEGMENT = /(^|\/)\.{1,2}(\/|$)/;
const MAX_DECODING_ROUNDS = 4;

function isSafeDecodedForm(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//")) return false;
  if (FORBIDDEN_DECODED.test(value)) return false;
  const pathPart = value.split(/[?#]/, 1)[0];
  if (!PRINTABLE_ASCII.test(pathPart)) return false;
  if (DOT_SEGMENT.test(pathPart) || ENCODED_SEPARATOR.test(pathPart)) return false;
  return !/^\/connexion(\/|$)/i.test(pathPart);
}

/**
 * Keeps a post-login destination inside the portal: a path that starts with one `/`, checked as
 * given and after every level of percent-decoding (so `/%2F%2Fevil.example` or `/%09/evil.example`
 * cannot turn into another site). Anything else gives `/`.
 */
export function safeReturnPath(value: unknown, fallback = DEFAULT_RETURN_PATH): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!PRINTABLE_ASCII.test(value)) return fallback;
  let current = value;
  for (let round = 0; round <= MAX_DECODING_ROUNDS; round += 1) {
    if (!isSafeDecodedForm(current)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      // Malformed escapes in the value as given are refused; deeper down, nothing decodes further.
      if (round === 0) return fallback;
      return value;
    }
    if (decoded === current) return value;
    current = decoded;
  }
  // Still changing after this many decodings: nothing a link of the portal looks like.
  return fallback;
}
