import { isUuid } from "@/lib/core/is-uuid";

export type ParsedUuid = {
  /** Lower-case 8-4-4-4-12 form, as printed and stored everywhere in the PDF. */
  canonical: string;
  /** The 16 bytes, used as the trailer /ID. */
  bytes: Uint8Array;
  /** The 16 bytes in upper-case hex, as written in a PDF hex string. */
  hex: string;
};

/** Parses a UUID in its usual 36-character form; throws on anything else. */
export function parseUuid(value: string): ParsedUuid {
  if (!isUuid(value)) throw new Error(`Invalid convention id "${value}" (expected a UUID)`);
  const canonical = value.toLowerCase();
  const hex = canonical.replace(/-/g, "").toUpperCase();
  const bytes = new Uint8Array(16);
  for (let index = 0; index < 16; index++) bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return { canonical, bytes, hex };
}
