import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { SignatureCheck } from "./analysis-types";
import { serialHex, type CertificateFields } from "./certificate-fields";
import type { RevocationMaterial } from "./signature-checks";

/*
 * Reading embedded OCSP responses and CRLs needs pkijs; this module is loaded only for signatures
 * that carry some, so the analysis of the others does not load pkijs at all.
 */

function integerHex(value: asn1js.Integer): string {
  return serialHex(new Uint8Array(value.valueBlock.valueHexView));
}

/** Status of the signer in the OCSP responses and CRLs the file carries; the portal fetches nothing. */
export function revocationCheck(certificate: CertificateFields, material: RevocationMaterial, offline: SignatureCheck): SignatureCheck {
  const serial = serialHex(certificate.serial);
  let issuer: pkijs.RelativeDistinguishedNames | null = null;
  let good = false;
  for (const der of material.ocspResponses) {
    for (const status of ocspStatuses(der)) {
      if (status.serial !== serial) continue;
      if (status.status === "revoked") return { name: "revocation", result: "failed", detail: "Certificat révoqué d'après la réponse OCSP intégrée au fichier." };
      if (status.status === "good") good = true;
    }
  }
  for (const der of material.crls) {
    try {
      const crl = new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(der).result });
      issuer ??= new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(certificate.issuer).result });
      if (!crl.issuer.isEqual(issuer)) continue;
      if ((crl.revokedCertificates ?? []).some((entry) => integerHex(entry.userCertificate) === serial)) {
        return { name: "revocation", result: "failed", detail: "Certificat révoqué d'après la liste de révocation intégrée au fichier." };
      }
      good = true;
    } catch {
      // An unreadable list vouches for nothing.
    }
  }
  return good ? { name: "revocation", result: "ok", detail: "Non révoqué d'après les informations de révocation intégrées au fichier." } : offline;
}

function ocspStatuses(der: Uint8Array): Array<{ serial: string; status: "good" | "revoked" | "unknown" }> {
  try {
    const asn = asn1js.fromBER(der);
    if (asn.offset === -1) return [];
    let basic: pkijs.BasicOCSPResponse;
    try {
      const response = new pkijs.OCSPResponse({ schema: asn.result });
      if (!response.responseBytes) return [];
      basic = new pkijs.BasicOCSPResponse({ schema: asn1js.fromBER(response.responseBytes.response.valueBlock.valueHexView).result });
    } catch {
      basic = new pkijs.BasicOCSPResponse({ schema: asn.result });
    }
    return basic.tbsResponseData.responses.map((single) => {
      const tag = (single.certStatus as { idBlock?: { tagNumber: number } }).idBlock?.tagNumber;
      return { serial: integerHex(single.certID.serialNumber), status: tag === 0 ? "good" : tag === 1 ? "revoked" : "unknown" };
    });
  } catch {
    return [];
  }
}
