/**
 * A minimal reader of DER (and of BER's indefinite lengths, which some signers use): where each
 * element of a structure starts and ends, and the few value types signatures need (OIDs, times,
 * octet strings), so that CMS and certificates are read without building a tree of every element.
 */
export interface DerElement {
  /** The identifier octet (tags above 30 are not read: null is returned instead). */
  tag: number;
  /** First byte of the element (its identifier). */
  start: number;
  /** First byte of its content. */
  contentStart: number;
  /** First byte after its content (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  /** First byte after it. */
  end: number;
}

/** The element starting at `pos`, or null when it cannot be delimited within `limit`. */
export function readDerElement(bytes: Uint8Array, pos: number, limit = bytes.length, depth = 0): DerElement | null {
  if (pos + 2 > limit || depth > 32) return null;
  const tag = bytes[pos];
  if ((tag & 0x1f) === 0x1f) return null;
  let p = pos + 1;
  const first = bytes[p++];
  let length = first;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) return null;
    let q = p;
    for (;;) {
      if (q + 2 > limit) return null;
      if (bytes[q] === 0 && bytes[q + 1] === 0) return { tag, start: pos, contentStart: p, contentEnd: q, end: q + 2 };
      const child = readDerElement(bytes, q, limit, depth + 1);
      if (!child) return null;
      q = child.end;
    }
  }
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4 || p + count > limit) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[p++];
  }
  const end = p + length;
  return end <= limit ? { tag, start: pos, contentStart: p, contentEnd: end, end } : null;
}

/** The elements inside a constructed element, or null when one of them is not plain DER. */
export function derChildren(bytes: Uint8Array, parent: DerElement): DerElement[] | null {
  const out: DerElement[] = [];
  let pos = parent.contentStart;
  while (pos < parent.contentEnd) {
    const child = readDerElement(bytes, pos, parent.contentEnd);
    if (!child) return null;
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function derSlice(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

export function derContent(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.contentStart, element.contentEnd);
}

/** Dotted text of an OBJECT IDENTIFIER's content ("1.2.840.113549.1.7.2"), or null when malformed. */
export function decodeOid(content: Uint8Array): string | null {
  if (content.length === 0 || content[content.length - 1] & 0x80) return null;
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    if (value === 0 && content[i] === 0x80) return null;
    value = value * 128 + (content[i] & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) return null;
    if (content[i] & 0x80) continue;
    if (arcs.length === 0) arcs.push(value < 40 ? 0 : value < 80 ? 1 : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs.join(".");
}

/** The OID an element holds, or null when it is not an OBJECT IDENTIFIER. */
export function derOid(bytes: Uint8Array, element: DerElement | undefined): string | null {
  return element && element.tag === 0x06 ? decodeOid(derContent(bytes, element)) : null;
}

/**
 * A UTCTime (two-digit years: 50–99 are 19xx) or GeneralizedTime (fractions of a second allowed),
 * in UTC or with an offset; a GeneralizedTime without zone is read as UTC. Null when malformed.
 */
export function derTime(bytes: Uint8Array, element: DerElement | undefined): Date | null {
  if (!element || (element.tag !== 0x17 && element.tag !== 0x18)) return null;
  const text = Buffer.from(derContent(bytes, element)).toString("latin1");
  const match =
    element.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?()(Z|[+-]\d{4})$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d{1,9}))?(Z|[+-]\d{4})?$/.exec(text);
  if (!match) return null;
  let year = Number(match[1]);
  if (element.tag === 0x17) year += year >= 50 ? 1900 : 2000;
  const [month, day, hour, minute, second] = [match[2], match[3], match[4], match[5] ?? "0", match[6] ?? "0"].map(Number);
  const milliseconds = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  const zone = match[8];
  if (zone && zone !== "Z") {
    const offset = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60000;
    time += zone[0] === "+" ? -offset : offset;
  }
  return new Date(time);
}

/** The bytes an OCTET STRING holds, its BER constructed form (parts concatenated) included; null for anything else. */
export function derOctets(bytes: Uint8Array, element: DerElement | undefined, depth = 0): Uint8Array | null {
  if (!element || depth > 8) return null;
  if (element.tag === 0x04) return derContent(bytes, element);
  if (element.tag !== 0x24) return null;
  const parts: Uint8Array[] = [];
  for (const child of derChildren(bytes, element) ?? [undefined]) {
    const part = derOctets(bytes, child, depth + 1);
    if (!part) return null;
    parts.push(part);
  }
  return new Uint8Array(Buffer.concat(parts));
}
