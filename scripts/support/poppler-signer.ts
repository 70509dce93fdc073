import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Signs PDFs with poppler's `pdfsig`, the way a school with a plain Linux desktop would: a self-signed
 * certificate in an NSS database, an incremental signature appended to the file. Used by the
 * end-to-end test and the benchmark; needs poppler-utils, libnss3-tools and openssl.
 */
export class PopplerSigner {
  private constructor(private readonly dir: string) {}

  static create(commonName = "Principal Collège Jean Moulin"): PopplerSigner {
    const dir = mkdtempSync(path.join(os.tmpdir(), "poppler-signer-"));
    const nss = path.join(dir, "nssdb");
    mkdirSync(nss);
    const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: "pipe" });
    run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "365",
      "-subj", `/C=FR/O=Collège Jean Moulin/CN=${commonName}/emailAddress=principal@college-demo.test`, "-utf8",
      "-addext", "keyUsage=critical,digitalSignature,nonRepudiation"]);
    run("openssl", ["pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-name", "signataire", "-out", "signer.p12", "-passout", "pass:test"]);
    run("certutil", ["-N", "-d", `sql:${nss}`, "--empty-password"]);
    run("pk12util", ["-i", "signer.p12", "-d", `sql:${nss}`, "-W", "test"]);
    return new PopplerSigner(dir);
  }

  static isAvailable(): boolean {
    return ["/usr/bin/pdfsig", "/usr/bin/certutil", "/usr/bin/pk12util"].every((tool) => existsSync(tool));
  }

  /** Signs into the existing empty field `field` and returns the signed bytes. */
  sign(pdf: Uint8Array, field = "Signature_Origine"): Uint8Array {
    const input = path.join(this.dir, `in-${process.hrtime.bigint()}.pdf`);
    const output = `${input}.signed.pdf`;
    writeFileSync(input, pdf);
    try {
      execFileSync("pdfsig", ["-nssdir", `sql:${path.join(this.dir, "nssdb")}`, "-sign", field, "-nick", "signataire",
        "-reason", "Signature du chef d'établissement d'origine", input, output], { stdio: "pipe" });
      return new Uint8Array(readFileSync(output));
    } finally {
      rmSync(input, { force: true });
      rmSync(output, { force: true });
    }
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
