/**
 * A minimal reader of DER (and of BER's indefinite lengths, which some signers use): where each
 * element of a structure starts and ends, without decoding it. It lets the CMS reader hand
 * asn1js/pkijs only the parts it needs.
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

/** The fields of an X.509 certificate's TBSCertificate from its serial number on (the optional version skipped). */
function tbsFields(der: Uint8Array): DerElement[] | null {
  const certificate = readDerElement(der, 0);
  if (!certificate || certificate.tag !== 0x30) return null;
  const tbs = derChildren(der, certificate)?.[0];
  if (!tbs || tbs.tag !== 0x30) return null;
  const items = derChildren(der, tbs);
  if (!items) return null;
  return items[0]?.tag === 0xa0 ? items.slice(1) : items;
}

/** Issuer name (whole DER element) and serial number (content) of an X.509 certificate. */
export function certificateIssuerAndSerial(der: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } | null {
  const items = tbsFields(der);
  const serial = items?.[0];
  const issuer = items?.[2];
  if (!serial || serial.tag !== 0x02 || !issuer || issuer.tag !== 0x30) return null;
  return { issuer: derSlice(der, issuer), serial: derContent(der, serial) };
}

/** The SubjectPublicKeyInfo of an X.509 certificate, as the certificate carries it (DER). */
export function certificateSubjectPublicKeyInfo(der: Uint8Array): Uint8Array | null {
  const spki = tbsFields(der)?.[5];
  return spki && spki.tag === 0x30 ? derSlice(der, spki) : null;
}
