import { createHash } from "node:crypto";
import { AnalysisBudget, DEFAULT_ANALYSIS_LIMITS, PdfUnreadableError, type AnalysisLimits } from "./analysis-budget";
import type {
  AnalyzeConventionPdfOptions,
  ConventionIdSource,
  ModificationsAfter,
  PdfAnalysis,
  PdfVerdict,
  Recognition,
  SignatureAnalysis,
  SignatureCheck,
  SignatureCoverage,
  SignatureTrust,
  SignerIdentity,
} from "./analysis-types";
import { parseCmsSignature, signerExtras, verifyCmsSignature, type ParsedCms } from "./cms-signature";
import { readEmbeddedConventionIds, type EmbeddedConventionIds } from "./convention-id-sources";
import { judgeRevision, maxLevel } from "./modification-analysis";
import { listPages } from "./page-text";
import { isArray, isRef } from "./pdf-objects";
import { UpdateExplainer, type UpdateExplanation } from "./signature-update";
import { findReadingAmbiguities } from "./strict-reading";
import { PdfDocument } from "./pdf-document";
import { indexOfAscii, isPdfWhitespace } from "./pdf-parser";
import { findConventionIdsInQrCodes } from "./qr-code-scan";
import { hashRanges, type RangeHashRequest } from "./range-hasher";
import { findSignatureFields, type SignatureField } from "./signature-fields";
import { readDssRevocation } from "./embedded-revocation";
import { checkSignature, type RevocationMaterial } from "./signature-checks";
import { describeSigner, loadTrustAnchors } from "./signer-certificate";

interface SignatureWork {
  field: SignatureField;
  coverage: SignatureCoverage;
  /** Revision whose end the signed ranges reach; null when the coverage is nonstandard. */
  revision: number | null;
  structuralProblem: string | null;
  cms: ParsedCms | null;
  cmsProblem: string | null;
  ranges: Array<[number, number]>;
  hashIndex: number;
}

const UNREADABLE_GENERIC = "Le fichier n'a pas pu être analysé ; demandez un nouvel envoi du PDF.";

/**
 * Analyses an uploaded convention PDF: which convention it is, who signed it, whether anything
 * changed after signing (DESIGN.md §4). Never throws; a file it cannot read gets `unreadable`.
 */
export async function analyzeConventionPdf(bytes: Uint8Array, options: AnalyzeConventionPdfOptions = {}): Promise<PdfAnalysis> {
  const limits: AnalysisLimits = {
    ...DEFAULT_ANALYSIS_LIMITS,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    ...(options.qrScanTimeMs !== undefined ? { qrScanTimeMs: options.qrScanTimeMs } : {}),
  };
  const budget = new AnalysisBudget(limits);
  try {
    if (bytes.length > limits.maxBytes) {
      const megabytes = Math.round((limits.maxBytes / (1024 * 1024)) * 10) / 10;
      return unreadable(bytes, `Le fichier dépasse la taille maximale acceptée (${megabytes} Mo).`);
    }
    return await analyze(bytes, options, budget);
  } catch (error) {
    const reason = error instanceof PdfUnreadableError ? error.message : UNREADABLE_GENERIC;
    return unreadable(bytes, reason);
  }
}

function unreadable(bytes: Uint8Array, reason: string): PdfAnalysis {
  return {
    bytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    verdict: "unreadable",
    conventionId: null,
    idSource: null,
    recognition: "manual",
    signatures: [],
    problems: [reason],
  };
}

async function analyze(bytes: Uint8Array, options: AnalyzeConventionPdfOptions, budget: AnalysisBudget): Promise<PdfAnalysis> {
  const header = indexOfAscii(bytes.subarray(0, 1024), "%PDF-");
  if (header < 0) throw new PdfUnreadableError("Ce fichier n'est pas un PDF.");
  const doc = new PdfDocument(bytes, budget);
  const problems: string[] = [];
  const latest = doc.latest;

  const trailingGarbage = hasTrailingData(bytes, doc.revisions[latest].end);
  if (trailingGarbage && indexOfAscii(bytes, "obj", doc.revisions[latest].end) >= 0) {
    throw new PdfUnreadableError("Le fichier semble tronqué ou incomplet (une mise à jour du document est inachevée).");
  }

  const fields = findSignatureFields(doc, latest);
  const works = fields.map((field) => inspectSignatureStructure(doc, field));
  const requests: RangeHashRequest[] = [];
  for (const work of works) {
    if (work.cms && work.ranges.length > 0) {
      work.hashIndex = requests.length;
      requests.push({ algorithm: work.cms.rangeHash.node, ranges: work.ranges });
    }
  }
  const prefixEnds = [...new Set(doc.revisions.flatMap((r) => [r.markerEnd, r.end]))];
  const hashes = hashRanges(bytes, requests, prefixEnds);
  budget.checkTime();

  const anchors = loadTrustAnchors(options.trustAnchors ?? []).map((anchor) => new Uint8Array(anchor.raw));
  let dssRevocation: RevocationMaterial | null = null;
  const updates = new UpdateExplainer(doc);
  const signedIn = new Map<number, Set<number>>();
  const explanations = new Map<number, UpdateExplanation>();
  /** What revision `k` did, against the fields whose intact signature it writes. */
  const explain = (k: number): UpdateExplanation => {
    let explanation = explanations.get(k);
    if (!explanation) {
      budget.checkTime();
      const later = new Set<number>();
      for (const [revision, nums] of signedIn) if (revision > k) for (const num of nums) later.add(num);
      explanation = updates.explain(k, signedIn.get(k) ?? new Set(), later);
      explanations.set(k, explanation);
    }
    return explanation;
  };
  const judgements = new Map<number, ModificationsAfter>();
  const levelOf = (k: number): ModificationsAfter => {
    let level = judgements.get(k);
    if (level === undefined) {
      const explanation = explain(k);
      if (explanation.kind === "empty") level = "none";
      else if (explanation.kind !== "unexplained") level = "signatures";
      else {
        // Not a signature update: the generic judgement only tells form filling from the rest.
        const generic = judgeRevision(doc, k).level;
        level = generic === "form-filling" ? "form-filling" : "other";
      }
      judgements.set(k, level);
    }
    return level;
  };
  const levelAfter = (revision: number): ModificationsAfter => {
    let level: ModificationsAfter = "none";
    for (let k = revision + 1; k <= latest; k++) level = maxLevel(level, levelOf(k));
    if (trailingGarbage) level = "other";
    return level;
  };

  const signatures: SignatureAnalysis[] = [];
  const intactRevisions: number[] = [];
  let anyInvalid = false;
  let anyNonstandard = false;
  for (const work of works) {
    const name = work.field.fieldName;
    let integrity: "valid" | "invalid" = "invalid";
    let signer: SignerIdentity | null = null;
    let signingTime: Date | null = null;
    let trust: SignatureTrust = "untrusted";
    let checks: SignatureCheck[] = [];
    let signerKeySha256: string | null = null;
    if (work.cms) {
      const digest = work.hashIndex >= 0 ? hashes.digests[work.hashIndex] : null;
      if (!digest) {
        problems.push(`La signature « ${name} » désigne des octets absents du fichier : le fichier est incomplet ou a été modifié.`);
      } else {
        const result = verifyCmsSignature(work.cms, digest, () => Buffer.concat(work.ranges.map(([s, l]) => bytes.subarray(s, s + l))));
        signingTime = result.signingTime;
        if (result.signerCertificateDer) {
          try {
            signer = await describeSigner(result.signerCertificateDer, result.signerFields);
          } catch {
            signer = null;
          }
        }
        const extras = signerExtras(work.cms);
        dssRevocation ??= readDssRevocation(doc);
        try {
          const checked = await checkSignature({
            integrity: result,
            signerDer: result.signerCertificateDer,
            signer: result.signerFields,
            signerNode: result.signerNodeCertificate,
            chainDer: work.cms.certificatesDer,
            anchorsDer: anchors,
            pinnedKeys: options.pinnedKeys ?? [],
            claimedTime: result.signingTime ?? signingTimeFromDictionary(work.field),
            timestampToken: extras.timestampToken,
            signatureValue: extras.signatureValue,
            revocation: {
              ocspResponses: [...extras.ocspResponses, ...dssRevocation.ocspResponses],
              crls: [...extras.crls, ...dssRevocation.crls],
            },
            isDocumentTimestamp: work.field.isTimestamp,
          });
          trust = checked.trust;
          checks = checked.checks;
          signerKeySha256 = checked.signerKeySha256;
        } catch (error) {
          if (error instanceof PdfUnreadableError) throw error;
        }
        if (result.isIntact) integrity = "valid";
        else problems.push(`La signature « ${name} » n'est pas valide : ${result.reason}.`);
      }
    } else {
      problems.push(`La signature « ${name} » n'est pas valide : ${work.cmsProblem ?? "elle est illisible"}.`);
    }
    if (!signingTime) signingTime = signingTimeFromDictionary(work.field);
    if (integrity === "invalid") anyInvalid = true;
    if (work.structuralProblem) {
      anyNonstandard = true;
      problems.push(`La signature « ${name} » ne couvre pas le document de façon standard (${work.structuralProblem}) : le contenu signé ne peut pas être garanti.`);
    }
    if (integrity === "valid" && work.revision !== null) {
      intactRevisions.push(work.revision);
      if (work.field.fieldNum !== null) {
        let set = signedIn.get(work.revision);
        if (!set) signedIn.set(work.revision, (set = new Set()));
        set.add(work.field.fieldNum);
      }
    }
    if (checks.length === 0) {
      checks = [{ name: "integrity", result: "failed", detail: `Signature non valide : ${work.cmsProblem ?? "elle est illisible"}.` }];
    }
    if (integrity === "valid" && signer && trust !== "trusted" && trust !== "pinned") {
      problems.push(
        `Identité non vérifiée pour la signature « ${name} » (${signer.commonName || "signataire sans nom"}) : le certificat n'est pas reconnu par la plateforme ; vérifiez qu'il s'agit bien du signataire attendu.`,
      );
    }
    signatures.push({
      field: name,
      subFilter: work.field.subFilter ?? "",
      signer,
      signingTime: signingTime ? signingTime.toISOString() : null,
      digestAlgorithm: work.cms?.rangeHash.label ?? null,
      integrity,
      coverage: work.coverage,
      modificationsAfter: "other",
      trust,
      isTimestamp: work.field.isTimestamp,
      widget: widgetPlacement(doc, work.field),
      checks,
      signerKeySha256,
    });
  }

  let firstApprovalLevel: ModificationsAfter | null = null;
  let firstApprovalRevision = Number.POSITIVE_INFINITY;
  works.forEach((work, i) => {
    if (work.revision === null) return;
    const level = levelAfter(work.revision);
    signatures[i].modificationsAfter = level;
    if (!work.field.isTimestamp && work.revision < firstApprovalRevision) {
      firstApprovalRevision = work.revision;
      firstApprovalLevel = level;
    }
  });

  const approvals = works.filter((w) => !w.field.isTimestamp);
  let verdict: PdfVerdict;
  if (works.length === 0) verdict = "unsigned";
  else if (anyInvalid) verdict = "invalid";
  else if (anyNonstandard) verdict = "altered";
  else if (approvals.length === 0) verdict = "unsigned";
  else if (firstApprovalLevel === "other") verdict = "altered";
  else if (firstApprovalLevel === "form-filling") verdict = "signed-then-modified";
  else verdict = "signed";
  const isDamaged = doc.anomalies.length > 0;
  if (isDamaged && verdict === "unsigned") {
    throw new PdfUnreadableError("Le fichier est endommagé : sa table interne désigne des objets absents ou incohérents.");
  }
  if (isDamaged && (verdict === "signed" || verdict === "signed-then-modified")) {
    verdict = "altered";
    problems.push("La structure interne du fichier est incohérente (références vers des objets absents ou remplacés) : le contenu signé ne peut pas être garanti.");
  }
  const ambiguities = verdict === "signed" || verdict === "signed-then-modified" ? findReadingAmbiguities(doc) : [];
  if (ambiguities.length > 0) {
    verdict = "altered";
    problems.push(...ambiguities.map((a) => a.problem));
  }
  if (trailingGarbage) problems.push("Des données inconnues ont été ajoutées à la fin du fichier après sa dernière version.");
  if (verdict === "altered" && Number.isFinite(firstApprovalRevision)) {
    for (let k = firstApprovalRevision + 1; k <= latest; k++) {
      if (levelOf(k) === "other") problems.push(...explain(k).problems);
    }
  }
  if (verdict === "altered" && !anyNonstandard) {
    problems.push("Le document a été modifié après sa signature (contenu des pages ou structure du document) : cette version ne peut pas être acceptée automatiquement ; demandez le document signé d'origine.");
  }
  if (verdict === "signed-then-modified") {
    problems.push("Des champs de formulaire ou des annotations ont été ajoutés après la signature : vérifiez leur contenu avant de valider.");
  }
  if (verdict === "unsigned") {
    problems.push(
      fields.length === 0
        ? "Le document ne porte aucune signature électronique : vérifiez les signatures manuscrites avant de valider."
        : "Le document ne porte qu'un horodatage, sans signature électronique d'un signataire.",
    );
  }

  const identity = await identifyConvention(doc, options, hashes.prefixSha256, hashes.fileSha256, verdict, intactRevisions, firstApprovalRevision, explain);
  if (identity.verdict) verdict = identity.verdict;
  problems.push(...identity.problems);
  return {
    bytes: bytes.length,
    sha256: hashes.fileSha256,
    verdict,
    conventionId: identity.conventionId,
    idSource: identity.idSource,
    recognition: identity.recognition,
    signatures,
    problems: [...new Set(problems)],
  };
}

function hasTrailingData(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (!isPdfWhitespace(bytes[i])) return true;
  return false;
}

function signingTimeFromDictionary(field: SignatureField): Date | null {
  const m = field.signatureDict.entries.get("M");
  if (!m || typeof m !== "object" || m.kind !== "string") return null;
  const text = Buffer.from(m.bytes).toString("latin1");
  const match = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(text);
  if (!match) return null;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", sign, oh = "00", om = "00"] = match;
  const offset = sign === "+" || sign === "-" ? `${sign}${oh}:${om}` : "Z";
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function inspectSignatureStructure(doc: PdfDocument, field: SignatureField): SignatureWork {
  const work: SignatureWork = { field, coverage: "nonstandard", revision: null, structuralProblem: null, cms: null, cmsProblem: null, ranges: [], hashIndex: -1 };
  const length = doc.bytes.length;
  const br = field.byteRange;
  const contents = field.contents;
  if (!contents) {
    work.cmsProblem = "la valeur de la signature est absente";
    work.structuralProblem = "valeur de signature absente";
    return work;
  }
  const parsed = parseCmsSignature(contents.bytes, field.subFilter);
  if (parsed.ok) work.cms = parsed.cms;
  else work.cmsProblem = parsed.reason;

  if (!br || br.length % 2 !== 0 || br.length === 0 || br.some((v) => v < 0)) {
    work.structuralProblem = "plage d'octets signée mal formée";
    return work;
  }
  for (let i = 0; i < br.length; i += 2) work.ranges.push([br[i], br[i + 1]]);
  if (br.length !== 4) {
    work.structuralProblem = "plage d'octets signée non standard";
    return work;
  }
  const [a, b, c, d] = br;
  if (a !== 0 || c < b || c + d > length) {
    work.structuralProblem = c + d > length ? "la plage signée dépasse la fin du fichier" : "plage d'octets signée non standard";
    return work;
  }
  const location = field.signatureObject?.location;
  if (!location || location.type !== "offset") {
    work.structuralProblem = "dictionnaire de signature mal placé";
    return work;
  }
  if (!contents.isHex || contents.start !== b || contents.end !== c) {
    work.structuralProblem = "la partie non signée du fichier ne se limite pas à la valeur de la signature";
    return work;
  }
  if (location.start > b || location.end < c) {
    work.structuralProblem = "la valeur de signature n'appartient pas au dictionnaire de signature";
    return work;
  }
  const signedEnd = c + d;
  const revision = doc.revisions.find((r) => signedEnd >= r.markerEnd && signedEnd <= r.end);
  if (!revision) {
    work.structuralProblem = "la signature ne couvre pas une version complète du document";
    return work;
  }
  if (location.start < revision.start || location.end > revision.end) {
    work.structuralProblem = "le dictionnaire de signature n'appartient pas à la version signée";
    return work;
  }
  if (field.fieldNum !== null && field.signatureObject) {
    const fieldThen = doc.getObject(field.fieldNum, revision.index);
    const valueThen = fieldThen && fieldThen.value && typeof fieldThen.value === "object" && fieldThen.value.kind === "dict" ? fieldThen.value.entries.get("V") : undefined;
    const signatureThen = valueThen && typeof valueThen === "object" && valueThen.kind === "ref" ? doc.getObject(valueThen.num, revision.index) : null;
    const then = signatureThen?.location;
    if (!then || then.type !== "offset" || then.start !== location.start) {
      work.structuralProblem = "le champ de signature a été redirigé vers un autre dictionnaire de signature";
      return work;
    }
  }
  work.revision = revision.index;
  work.coverage = signedEnd === length ? "entire-file" : "entire-revision";
  return work;
}

interface Identity {
  conventionId: string | null;
  idSource: ConventionIdSource | null;
  recognition: Recognition;
  problems: string[];
  /** Set when what lies between the generated original and the first signature changes the verdict. */
  verdict?: PdfVerdict;
}

const REWRITTEN =
  "Ce fichier ne reprend pas à l'identique la convention générée : il a été réenregistré par un autre logiciel ; comparez son contenu avec l'original avant de valider.";

async function identifyConvention(
  doc: PdfDocument,
  options: AnalyzeConventionPdfOptions,
  prefixSha256: Map<number, string>,
  fileSha256: string,
  verdict: PdfVerdict,
  intactRevisions: number[],
  firstApprovalRevision: number,
  explain: (revision: number) => UpdateExplanation,
): Promise<Identity> {
  const isSigned = verdict === "signed";
  const signedRevision = Number.isFinite(firstApprovalRevision) ? firstApprovalRevision : null;
  if (options.findOriginalBySha256) {
    const candidates: { sha: string; revision: number }[] = [];
    for (const revision of doc.revisions) {
      for (const end of [revision.markerEnd, revision.end]) {
        const sha = prefixSha256.get(end);
        if (sha) candidates.push({ sha, revision: revision.index });
      }
    }
    candidates.push({ sha: fileSha256, revision: doc.latest });
    const seen = new Set<string>();
    for (const candidate of candidates) {
      if (seen.has(candidate.sha)) continue;
      seen.add(candidate.sha);
      const id = await options.findOriginalBySha256(candidate.sha);
      if (!id) continue;
      return fromOriginal(doc, id.toLowerCase(), candidate.revision, verdict, signedRevision, explain);
    }
  }
  const readRevision = signedRevision !== null && intactRevisions.includes(signedRevision) ? signedRevision : signedRevision ?? doc.latest;
  const embedded = readEmbeddedConventionIds(doc, readRevision);
  const rewritten = isSigned && options.findOriginalBySha256 ? [REWRITTEN] : [];
  if (embedded.distinct.length > 1) {
    return {
      conventionId: null,
      idSource: null,
      recognition: "manual",
      problems: [`Le document mentionne plusieurs numéros de convention différents (${describeChannels(embedded)}) : choisissez la convention manuellement.`],
    };
  }
  if (embedded.distinct.length === 1) {
    return {
      conventionId: embedded.distinct[0],
      idSource: signedRevision !== null ? "signed-revision" : "text",
      recognition: "suggested",
      problems: rewritten,
    };
  }
  if (options.scanImagesForQrCode !== false) {
    const fromQr = await findConventionIdsInQrCodes(doc, readRevision, options.appUrl);
    if (fromQr.length === 1) return { conventionId: fromQr[0], idSource: "qr-code", recognition: "suggested", problems: rewritten };
    if (fromQr.length > 1) {
      return {
        conventionId: null,
        idSource: null,
        recognition: "manual",
        problems: ["Le document contient les QR codes de plusieurs conventions : choisissez la convention manuellement."],
      };
    }
  }
  return {
    conventionId: null,
    idSource: null,
    recognition: "manual",
    problems: ["Le numéro de convention n'a pas été trouvé dans le document : choisissez la convention manuellement."],
  };
}

/**
 * The one road to `automatic`: the file is a stored original (revision `originalRevision`) plus
 * revisions that are each a completely explained signature update.
 */
function fromOriginal(
  doc: PdfDocument,
  conventionId: string,
  originalRevision: number,
  verdict: PdfVerdict,
  signedRevision: number | null,
  explain: (revision: number) => UpdateExplanation,
): Identity {
  const problems: string[] = [];
  let beforeSignature = false;
  for (let k = originalRevision + 1; k <= doc.latest; k++) {
    const explanation = explain(k);
    if (explanation.kind !== "unexplained") continue;
    if (signedRevision === null || k < signedRevision) beforeSignature = true;
    problems.push(...explanation.problems.map((p) => p.replace("après la génération du document", "après la génération de la convention")));
  }
  const hasSignatureAfterOriginal = signedRevision !== null && signedRevision > originalRevision;
  if (beforeSignature && hasSignatureAfterOriginal && (verdict === "signed" || verdict === "signed-then-modified")) {
    problems.push("La convention a été modifiée avant d'être signée : la signature porte sur un document qui n'est plus celui que le lycée a généré.");
    return { conventionId, idSource: "original-hash", recognition: "suggested", problems, verdict: "altered" };
  }
  const isAutomatic = verdict === "signed" && hasSignatureAfterOriginal && problems.length === 0;
  return { conventionId, idSource: "original-hash", recognition: isAutomatic ? "automatic" : "suggested", problems };
}

function describeChannels(ids: EmbeddedConventionIds): string {
  const parts: string[] = [];
  if (ids.info) parts.push(`propriétés du document : ${ids.info}`);
  if (ids.xmp) parts.push(`métadonnées XMP : ${ids.xmp}`);
  if (ids.field) parts.push(`champ caché : ${ids.field}`);
  if (ids.footer.length > 0) parts.push(`pied de page : ${ids.footer.join(", ")}`);
  return parts.join(" ; ");
}

/** Page (1-based) and rectangle of a signature's widget, for the visual comparison. */
function widgetPlacement(doc: PdfDocument, field: SignatureField): SignatureAnalysis["widget"] {
  if (field.fieldNum === null) return null;
  const latestRevision = doc.latest;
  let widget = doc.resolveDict({ kind: "ref", num: field.fieldNum, gen: 0 }, latestRevision);
  const kids = doc.resolve(widget?.entries.get("Kids"), latestRevision);
  if (isArray(kids) && kids.items.length > 0) widget = doc.resolveDict(kids.items[0], latestRevision);
  const rect = doc.resolve(widget?.entries.get("Rect"), latestRevision);
  if (!widget || !isArray(rect) || rect.items.length < 4) return null;
  const numbers = rect.items.slice(0, 4).map((v) => (typeof v === "number" ? v : 0));
  const pageRef = widget.entries.get("P");
  const pages = listPages(doc, latestRevision, 1000);
  const pageDict = doc.resolveDict(pageRef, latestRevision);
  let page = pages.findIndex((p) => p.page === pageDict);
  if (page < 0) {
    page = pages.findIndex(({ page: p }) => {
      const annots = doc.resolve(p.entries.get("Annots"), latestRevision);
      return isArray(annots) && annots.items.some((item) => isRef(item) && item.num === field.fieldNum);
    });
  }
  if (page < 0) return null;
  const [x1, y1, x2, y2] = numbers;
  return { page: page + 1, rect: [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)] };
}
