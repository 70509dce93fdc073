import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import { integerValue, isDict, isName, isString, nameValue, type PdfDict } from "./pdf-objects";

export interface Decryptor {
  decryptString(bytes: Uint8Array, num: number, gen: number): Uint8Array;
  decryptStream(bytes: Uint8Array, num: number, gen: number): Uint8Array;
}

const PASSWORD_PADDING = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68,
  0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

type Cipher = "rc4" | "aes128" | "aes256" | "identity";

/**
 * Decryption for the standard security handler with the empty user password, the only case an
 * uploaded convention can be opened without asking for a password. Other handlers yield null.
 */
export function createDecryptor(encrypt: PdfDict, firstId: Uint8Array): Decryptor | null {
  if (!isName(encrypt.entries.get("Filter"), "Standard")) return null;
  const v = integerValue(encrypt.entries.get("V")) ?? 0;
  const r = integerValue(encrypt.entries.get("R")) ?? 0;
  const o = encrypt.entries.get("O");
  const u = encrypt.entries.get("U");
  const p = integerValue(encrypt.entries.get("P")) ?? 0;
  if (!isString(o) || !isString(u)) return null;
  let stringCipher: Cipher = "rc4";
  let streamCipher: Cipher = "rc4";
  if (v === 4 || v === 5) {
    const filters = encrypt.entries.get("CF");
    const cipherOf = (filterName: string | null): Cipher => {
      if (!filterName || filterName === "Identity") return "identity";
      const filter = isDict(filters) ? filters.entries.get(filterName) : undefined;
      const method = isDict(filter) ? nameValue(filter.entries.get("CFM")) : null;
      if (method === "AESV2") return "aes128";
      if (method === "AESV3") return "aes256";
      if (method === "None") return "identity";
      return "rc4";
    };
    stringCipher = cipherOf(nameValue(encrypt.entries.get("StrF")) ?? "Identity");
    streamCipher = cipherOf(nameValue(encrypt.entries.get("StmF")) ?? "Identity");
  }
  let fileKey: Uint8Array;
  if (r >= 5) {
    const ue = encrypt.entries.get("UE");
    if (!isString(ue) || u.bytes.length < 48) return null;
    const intermediate = hardenedHash(new Uint8Array(), u.bytes.subarray(40, 48), new Uint8Array(), r);
    const decipher = createDecipheriv("aes-256-cbc", intermediate, Buffer.alloc(16));
    decipher.setAutoPadding(false);
    fileKey = new Uint8Array(Buffer.concat([decipher.update(ue.bytes.subarray(0, 32)), decipher.final()]));
  } else {
    const keyLength = v === 1 ? 5 : Math.max(5, Math.min(16, (integerValue(encrypt.entries.get("Length")) ?? 40) / 8));
    const hash = createHash("md5");
    hash.update(PASSWORD_PADDING);
    hash.update(o.bytes.subarray(0, 32));
    hash.update(Uint8Array.from([p & 0xff, (p >> 8) & 0xff, (p >> 16) & 0xff, (p >>> 24) & 0xff]));
    hash.update(firstId);
    if (r >= 4 && encrypt.entries.get("EncryptMetadata") === false) hash.update(Uint8Array.from([255, 255, 255, 255]));
    let key = new Uint8Array(hash.digest());
    if (r >= 3) for (let i = 0; i < 50; i++) key = new Uint8Array(createHash("md5").update(key.subarray(0, keyLength)).digest());
    fileKey = key.subarray(0, keyLength);
  }
  const objectKey = (num: number, gen: number, cipher: Cipher): Uint8Array => {
    if (cipher === "aes256") return fileKey;
    const hash = createHash("md5");
    hash.update(fileKey);
    hash.update(Uint8Array.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff]));
    if (cipher === "aes128") hash.update("sAlT", "latin1");
    return new Uint8Array(hash.digest()).subarray(0, Math.min(fileKey.length + 5, 16));
  };
  const decrypt = (bytes: Uint8Array, num: number, gen: number, cipher: Cipher): Uint8Array => {
    if (cipher === "identity") return bytes;
    const key = objectKey(num, gen, cipher);
    if (cipher === "rc4") return rc4(key, bytes);
    if (bytes.length < 32 || bytes.length % 16 !== 0) return bytes;
    try {
      const decipher = createDecipheriv(cipher === "aes128" ? "aes-128-cbc" : "aes-256-cbc", key, bytes.subarray(0, 16));
      return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]));
    } catch {
      return bytes;
    }
  };
  return {
    decryptString: (bytes, num, gen) => decrypt(bytes, num, gen, stringCipher),
    decryptStream: (bytes, num, gen) => decrypt(bytes, num, gen, streamCipher),
  };
}

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}

/** ISO 32000-2 algorithm 2.B (plain SHA-256 for revision 5). */
function hardenedHash(password: Uint8Array, salt: Uint8Array, userKey: Uint8Array, revision: number): Uint8Array {
  let k = new Uint8Array(createHash("sha256").update(password).update(salt).update(userKey).digest());
  if (revision < 6) return k;
  for (let round = 0; ; round++) {
    const block = Buffer.concat([password, k, userKey]);
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => block));
    const cipher = createCipheriv("aes-128-cbc", k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    const e = Buffer.concat([cipher.update(k1), cipher.final()]);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i];
    const algorithm = ["sha256", "sha384", "sha512"][sum % 3];
    k = new Uint8Array(createHash(algorithm).update(e).digest());
    if (round >= 63 && e[e.length - 1] <= round - 31) break;
    if (round > 1000) break;
  }
  return k.subarray(0, 32);
}
