import type { Db } from "@/db/client";
import { deposits } from "@/db/schema";
import { findConventionForDeposit, findConventionIdByOriginalSha256, type DepositTarget } from "@/db/queries/deposits";
import { canApply, conventionStateLabels, type ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { AppError, isAppError } from "@/lib/core/errors";
import { formatDateFr } from "@/lib/core/format-date";
import type { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import { analyzeInPool } from "@/lib/server/analysis-pool/analyze-in-pool";
import { compareInPool } from "@/lib/server/analysis-pool/compare-in-pool";
import type { ConventionIdSource, PdfAnalysis, Recognition } from "@/lib/core/pdf-analysis/analysis-types";
import { appUrl } from "@/lib/server/config/env";
import { conventionUrlFor } from "@/lib/server/deposit-links";
import type { FileStore } from "@/lib/server/files/file-store";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { lockFileKeyForReference } from "@/db/queries/file-key-locks";
import { applyConventionTransition } from "@/lib/server/conventions/apply-convention-transition";
import { hostAdminRecipients } from "@/lib/server/mail/queue-mail";
import { decideRecognition } from "./decide-recognition";
import { signerTrustAfterRecognition, signerTrustBeforeAnalysis, type FindDepositTarget, type SignerTrustOptions } from "./host-signer-trust";
import { maxDepositBytes, formatMegabytes } from "./deposit-limits";
import type { Depositor } from "@/lib/core/auth/depositor";
import { signerNames, summarizeSignatures } from "./summarize-signatures";
import { formatStudentName } from "@/lib/core/format-student-name";
import { isUuid } from "@/lib/core/is-uuid";
import { replaceControlCharacters } from "@/lib/core/text/control-characters";
import type { compareWithOriginal, VisualComparison } from "@/lib/server/visual-comparison";
import { changedPageNumbers, visualComparisonProblems } from "@/lib/server/visual-comparison/describe-visual-comparison";
import { describeDepositStatus, otherConventionIdsNamed, TECHNICAL_DETAIL_SEPARATOR, type DepositStatus, type IdentityMismatch } from "@/lib/core/deposits/deposit-status";

export type DepositAnalysisSummary = {
  fileName: string | null;
  bytes: number;
  sha256: string;
  verdict: PdfAnalysis["verdict"];
  recognition: Recognition;
  idSource: ConventionIdSource | null;
  signers: string[];
  signatureSummary: string;
  problems: string[];
  /** The file beside the convention's original, as a browser shows them; null when not compared. */
  visualComparison: VisualComparisonBrief | null;
  /** The one status the host will also read, for the convention the file goes (or would go) to. */
  status: DepositStatus;
};

/** What the depositor is told of the comparison with the original, before confirming. */
export type VisualComparisonBrief = {
  status: VisualComparison["status"];
  changedPages: number[];
  reason: string | null;
};

/** The analysis as stored with a deposit: the engine's, with the visual comparison and its problems. */
export type StoredDepositAnalysis = PdfAnalysis & { visualComparison?: VisualComparison; identityMismatch?: IdentityMismatch };

export type ConventionBrief = {
  id: string;
  studentName: string;
  internshipDate: string;
  originSchoolName: string;
  state: ConventionState;
  stateLabel: string;
};

export type DepositResult =
  | { outcome: "deposited"; message: string; depositId: string; recognition: Recognition; analysis: DepositAnalysisSummary; convention: ConventionBrief }
  | { outcome: "already-deposited"; message: string; analysis: DepositAnalysisSummary; convention: ConventionBrief }
  | { outcome: "needs-confirmation"; message: string; analysis: DepositAnalysisSummary; candidate: ConventionBrief }
  | { outcome: "needs-choice"; message: string; analysis: DepositAnalysisSummary }
  /** The file names another convention than the chosen one: filed only when the depositor confirms knowingly. */
  | { outcome: "needs-mismatch-confirmation"; message: string; analysis: DepositAnalysisSummary; candidate: ConventionBrief; namedStudentName: string | null };

export type AnalyzePdf = typeof analyzeConventionPdf;
export type ComparePdf = typeof compareWithOriginal;

export type DepositConventionInput = {
  depositor: Depositor;
  bytes: Uint8Array;
  fileName?: string | null;
  /** The user's choice (unrecognised file) or confirmation (probable convention). */
  requestedConventionId?: string | null;
  /** The depositor confirmed filing the file under the chosen convention although it names another one. */
  acknowledgedMismatch?: boolean;
  now?: Date;
  maxBytes?: number;
  store?: FileStore;
  /** Default: the analysis on a pool worker, off the request thread. */
  analyze?: AnalyzePdf;
  /** Default: the visual comparison on a pool worker. */
  compare?: ComparePdf;
};

const MAX_ATTEMPTS = 3;

export const UNREADABLE_PDF_MESSAGE =
  "Ce PDF ne peut pas être lu : il est endommagé, incomplet ou protégé. Enregistrez-le de nouveau au format PDF, ou déposez un scan de la convention papier.";

const idSourceLabels: Record<ConventionIdSource, string> = {
  "original-hash": "fichier d'origine reconnu",
  "signed-revision": "numéro lu dans la version signée",
  "qr-code": "QR code lu sur le scan",
  text: "numéro de convention lu dans le document",
};

function studentNameOf(target: Pick<DepositTarget, "studentLastName" | "studentFirstName">): string {
  return formatStudentName(target.studentLastName, target.studentFirstName);
}

function briefOf(target: DepositTarget, state: ConventionState = target.state): ConventionBrief {
  return {
    id: target.id,
    studentName: studentNameOf(target),
    internshipDate: formatDateFr(target.internshipDate),
    originSchoolName: target.originSchoolName,
    state,
    stateLabel: conventionStateLabels[state],
  };
}

function summaryOf(analysis: StoredDepositAnalysis, fileName: string | null, conventionId: string | null): DepositAnalysisSummary {
  const comparison = analysis.visualComparison ?? null;
  return {
    fileName,
    bytes: analysis.bytes,
    sha256: analysis.sha256,
    verdict: analysis.verdict,
    recognition: analysis.recognition,
    idSource: analysis.idSource,
    signers: signerNames(analysis),
    signatureSummary: summarizeSignatures(analysis),
    problems: analysis.problems,
    visualComparison: comparison
      ? { status: comparison.status, changedPages: changedPageNumbers(comparison), reason: comparison.reason }
      : null,
    status: describeDepositStatus(analysis, conventionId),
  };
}

/**
 * Renders the deposit beside the original of the convention it would go to (one the depositor may
 * act for) and adds what differs to the analysis. Null when there is nothing to compare with.
 */
async function compareWithConventionOriginal(
  findTarget: FindDepositTarget, conventionId: string, bytes: Uint8Array, store: FileStore, compare: ComparePdf,
): Promise<VisualComparison | null> {
  const target = await findTarget(conventionId);
  if (!target?.isInScope) return null;
  const original = await store.get(target.originalFileKey).catch(() => null);
  if (!original) return null;
  return compare(original, bytes);
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // Readers accept the header anywhere in the first kilobyte; so do we.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

function checkUpload(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.length === 0) throw new AppError("EMPTY_FILE", "Le fichier est vide : choisissez le PDF de la convention remplie.");
  if (bytes.length > maxBytes) throw new AppError("FILE_TOO_LARGE", `Le fichier est trop volumineux : ${formatMegabytes(maxBytes)} au maximum.`);
  if (!hasPdfHeader(bytes)) throw new AppError("NOT_A_PDF", "Ce fichier n'est pas un PDF : déposez la convention au format PDF.");
}

/** Loads the convention and checks this depositor may deposit a new file for it now. */
async function loadAuthorisedTarget(findTarget: FindDepositTarget, conventionId: string, idFromFile: boolean): Promise<DepositTarget> {
  return authoriseTarget(await findTarget(conventionId), idFromFile);
}

/** Checks this depositor may deposit a new file for the convention now (`idFromFile`: its signed bytes name it). */
function authoriseTarget(target: DepositTarget | null, idFromFile: boolean): DepositTarget {
  if (!target) throw new AppError("CONVENTION_NOT_FOUND");
  if (!target.isInScope) {
    // The file itself names the convention, so saying whose it is reveals nothing; a typed id gets "not found".
    if (!idFromFile) throw new AppError("CONVENTION_NOT_FOUND");
    throw new AppError("CONVENTION_OTHER_SCHOOL", "Cette convention appartient à un autre établissement : vous ne pouvez pas la déposer.");
  }
  // Asked before the file is stored; the transition itself asks the state machine again.
  if (!canApply(target.state, "deposit")) {
    throw new AppError("CONVENTION_ALREADY_VALIDATED", `La convention de ${studentNameOf(target)} est déjà validée : un nouveau dépôt n'est pas possible.`);
  }
  return target;
}

async function recordDeposit(db: Db, args: {
  target: DepositTarget; depositor: Depositor; fileKey: string; analysis: PdfAnalysis;
  recognition: Recognition; fileName: string | null; now: Date; store: FileStore; bytes: Uint8Array;
}): Promise<{ depositId: string; state: ConventionState }> {
  const { target, depositor, fileKey, analysis, recognition, fileName, now, store, bytes } = args;
  return db.transaction(async (tx) => {
    // The row is recorded only with its file in place: under the file's lock the clean-up cannot remove
    // it before commit, and a file it removed before the lock is stored again here.
    await lockFileKeyForReference(tx, fileKey);
    if (!(await store.has(fileKey))) {
      const restoredKey = await store.put(bytes, "application/pdf");
      if (restoredKey !== fileKey || !(await store.has(fileKey))) throw new Error("Le fichier déposé n'a pas pu être enregistré.");
    }
    const [deposit] = await tx.insert(deposits).values({
      conventionId: target.id,
      fileKey,
      sha256: analysis.sha256,
      size: analysis.bytes,
      fileName,
      uploadedByUserId: depositor.kind === "user" ? depositor.actor.userId : null,
      uploadedViaLink: depositor.kind === "link",
      recognition,
      verdict: analysis.verdict,
      analysis,
      createdAt: now,
    }).returning({ id: deposits.id });
    const transition = await applyConventionTransition(tx, {
      conventionId: target.id,
      event: "deposit",
      by: depositor,
      expectedState: target.state,
      expectedVersion: target.version,
      depositId: deposit.id,
      now,
      mails: async ({ tx: inner }) => {
        const studentName = studentNameOf(target);
        const signatureSummary = summarizeSignatures(analysis);
        const recipients = await hostAdminRecipients(inner, target.hostSchoolId);
        return recipients.map((to) => ({
          template: "validation-requested" as const,
          to,
          conventionId: target.id,
          schoolId: target.hostSchoolId,
          payload: {
            schoolName: target.hostSchoolName,
            studentName,
            internshipDate: formatDateFr(target.internshipDate),
            originSchoolName: target.originSchoolName,
            signatureSummary,
            conventionUrl: conventionUrlFor(target.id),
          },
        }));
      },
    });
    return { depositId: deposit.id, state: transition.to };
  });
}

function depositedMessage(recognition: Recognition, target: DepositTarget, analysis: StoredDepositAnalysis): string {
  const signers = signerNames(analysis);
  const signedBy = signers.length > 0 ? `, signée par ${signers.join(", ")}` : "";
  const head = recognition === "automatic" ? `Reconnue automatiquement : ${studentNameOf(target)}${signedBy}.` : `Déposée pour ${studentNameOf(target)}${signedBy}.`;
  // What the host will read first is said here too, so that a confirmed warning is not forgotten.
  const status = describeDepositStatus(analysis, target.id);
  const warning = status.tone === "danger" || status.tone === "warning" ? ` ${status.title}` : "";
  return `${head}${warning} La convention est en attente de validation par l'établissement d'accueil.`;
}

const mismatchSourceLabels: Record<ConventionIdSource, string> = {
  "original-hash": "le fichier d'origine",
  "signed-revision": "le numéro de la version signée",
  "qr-code": "le QR code du scan",
  text: "le numéro de convention imprimé",
};

/** Who the file names instead, when the depositor may see it; null otherwise (nothing of another school is told). */
async function namedStudentOf(db: Db, depositor: Depositor, conventionIds: string[]): Promise<string | null> {
  if (conventionIds.length !== 1) return null;
  const named = await findConventionForDeposit(db, depositor, conventionIds[0]);
  return named?.isInScope ? studentNameOf(named) : null;
}

/**
 * Deposits a filled convention: analyses the PDF, decides which convention it is (automatic only
 * for an intact signature, otherwise the user confirms or chooses), checks the depositor may act
 * for it, then stores the file and records the deposit, the `deposit` transition and the mail to
 * the host admins in one transaction. Nothing is kept when any step fails. Depositing the file that
 * is already the current deposit of a pending convention changes nothing ("déjà déposée").
 */
export async function depositConvention(db: Db, input: DepositConventionInput): Promise<DepositResult> {
  const { depositor, bytes } = input;
  // Only a label: a control character a browser never sends (a NUL would make PostgreSQL refuse the row) is dropped.
  const fileName = input.fileName ? replaceControlCharacters(input.fileName).trim().slice(0, 255) || null : null;
  const now = input.now ?? new Date();
  const maxBytes = input.maxBytes ?? maxDepositBytes();
  const requestedConventionId = input.requestedConventionId?.toLowerCase() ?? null;
  if (requestedConventionId && !isUuid(requestedConventionId)) throw new AppError("INVALID_INPUT", "La convention choisie est invalide.");
  checkUpload(bytes, maxBytes);

  // Trust, comparison and confirmation read each convention once; recording reads it afresh.
  const readTargets = new Map<string, Promise<DepositTarget | null>>();
  const findTarget: FindDepositTarget = (conventionId) => {
    let target = readTargets.get(conventionId);
    if (!target) readTargets.set(conventionId, (target = findConventionForDeposit(db, depositor, conventionId)));
    return target;
  };
  const findFreshTarget: FindDepositTarget = (conventionId) => findConventionForDeposit(db, depositor, conventionId);

  const analyze = input.analyze ?? analyzeInPool;
  // The host school's anchors and accepted signer keys judge the signatures, passed as plain data.
  const analyzeWith = (trust: SignerTrustOptions) => analyze(bytes, {
    findOriginalBySha256: (sha256) => findConventionIdByOriginalSha256(db, sha256),
    maxBytes,
    appUrl: appUrl(),
    trustAnchors: trust.trustAnchors,
    pinnedKeys: trust.pinnedKeys,
  });
  const assumedTrust = await signerTrustBeforeAnalysis(db, depositor, requestedConventionId, findTarget);
  let engineAnalysis = await analyzeWith(assumedTrust);
  if (engineAnalysis.verdict === "unreadable") {
    // A sentence a secretary can act on first; what the reader found goes below, for whoever helps them.
    const detail = engineAnalysis.problems[0];
    throw new AppError("PDF_UNREADABLE", `${UNREADABLE_PDF_MESSAGE}${detail ? `${TECHNICAL_DETAIL_SEPARATOR}${detail}` : ""}`);
  }
  const linkConventionId = depositor.kind === "link" ? depositor.conventionId : null;
  const store = input.store ?? await getFileStore();
  let decision = decideRecognition({ analysis: engineAnalysis, requestedConventionId, linkConventionId });
  if (decision.kind === "deposit" || decision.kind === "confirm") {
    // The file belongs to another host school than assumed: its signatures are judged by that school's settings.
    const actualTrust = await signerTrustAfterRecognition(db, decision.conventionId, assumedTrust, findTarget);
    if (actualTrust) {
      engineAnalysis = await analyzeWith(actualTrust);
      decision = decideRecognition({ analysis: engineAnalysis, requestedConventionId, linkConventionId });
    }
  }
  let analysis: StoredDepositAnalysis = engineAnalysis;
  if (decision.kind === "deposit" || decision.kind === "confirm") {
    const visualComparison = await compareWithConventionOriginal(findTarget, decision.conventionId, bytes, store, input.compare ?? compareInPool);
    if (visualComparison) {
      analysis = {
        ...engineAnalysis,
        problems: [...engineAnalysis.problems, ...visualComparisonProblems(visualComparison, engineAnalysis.idSource)],
        visualComparison,
      };
      decision = decideRecognition({ analysis: engineAnalysis, requestedConventionId, linkConventionId, visualComparison });
    }
  }
  if (decision.kind === "deposit" && !decision.idFromFile) {
    const others = otherConventionIdsNamed(analysis, decision.conventionId);
    if (others.length > 0) {
      const source = analysis.conventionId && others.includes(analysis.conventionId.toLowerCase()) && analysis.idSource
        ? mismatchSourceLabels[analysis.idSource] : "les numéros de convention du document";
      if (!input.acknowledgedMismatch) {
        const chosen = await loadAuthorisedTarget(findTarget, decision.conventionId, false);
        const namedStudentName = await namedStudentOf(db, depositor, others);
        const named = namedStudentName ? `la convention de ${namedStudentName}` : "une autre convention";
        return {
          outcome: "needs-mismatch-confirmation",
          message: `Attention : ${source} désigne ${named}, pas celle de ${studentNameOf(chosen)}. Déposez ce fichier pour ${studentNameOf(chosen)} seulement si vous êtes sûr que c'est sa convention : l'établissement d'accueil verra cet avertissement.`,
          analysis: summaryOf(analysis, fileName, decision.conventionId),
          candidate: briefOf(chosen),
          namedStudentName,
        };
      }
      analysis = {
        ...analysis,
        identityMismatch: { namedConventionIds: others, source },
        problems: [...analysis.problems, `Ce fichier désigne une autre convention (${source}) ; il a été déposé pour ce stagiaire sur confirmation de la personne qui l'a déposé.`],
      };
    }
  }
  const summary = summaryOf(analysis, fileName, decision.kind === "deposit" || decision.kind === "confirm" ? decision.conventionId : null);

  if (decision.kind === "refuse") {
    if (decision.reason === "link-for-another-convention") {
      throw new AppError("DEPOSIT_LINK_INVALID", "Ce fichier est la convention d'un autre stagiaire : ce lien ne permet de déposer que la convention pour laquelle il a été envoyé.");
    }
    throw new AppError("INVALID_INPUT", "Ce fichier est la convention signée d'un autre stagiaire : il ne peut pas être déposé pour celui que vous avez choisi.");
  }
  const needsChoice: DepositResult = { outcome: "needs-choice", message: "Non reconnue : choisissez le stagiaire.", analysis: summary };
  if (decision.kind === "choose") return needsChoice;
  if (decision.kind === "confirm") {
    const found = await findTarget(decision.conventionId);
    // A QR code or a printed number is not signed: one that names a convention that no longer exists,
    // or another school's, is no better than none (and says nothing of that other school).
    if (depositor.kind === "user" && !found?.isInScope) return needsChoice;
    const candidate = authoriseTarget(found, false);
    const how = analysis.idSource ? idSourceLabels[analysis.idSource] : "lien de dépôt";
    return {
      outcome: "needs-confirmation",
      message: `Convention probable : ${studentNameOf(candidate)} (${how}) — confirmez pour la déposer.`,
      analysis: summary,
      candidate: briefOf(candidate),
    };
  }

  // A stored file is never deleted here, even when the deposit fails: another request may share its
  // bytes. The periodic clean-up removes what no row points at after 24 h.
  let storedKey: string | null = null;
  for (let attempt = 1; ; attempt++) {
    // Read again right before recording: the analysis and the comparison took time.
    const target = await loadAuthorisedTarget(findFreshTarget, decision.conventionId, decision.idFromFile);
    if (target.currentDepositSha256 === analysis.sha256 && target.state === "pending_validation") {
      if (target.isInvalidated) {
        throw new AppError("TRANSITION_NOT_ALLOWED", "Ce fichier est celui qui a été invalidé : déposez la convention corrigée.");
      }
      return {
        outcome: "already-deposited",
        message: `Déjà déposée : ce fichier est déjà la convention en attente de validation de ${studentNameOf(target)}.`,
        analysis: summary,
        convention: briefOf(target),
      };
    }
    storedKey ??= await store.put(bytes, "application/pdf");
    try {
      const { depositId, state } = await recordDeposit(db, {
        target, depositor, fileKey: storedKey, analysis, recognition: decision.recognition, fileName, now, store, bytes,
      });
      return {
        outcome: "deposited",
        message: depositedMessage(decision.recognition, target, analysis),
        depositId,
        recognition: decision.recognition,
        analysis: summary,
        convention: briefOf(target, state),
      };
    } catch (error) {
      // Someone changed the convention since we read it: read it again and re-apply the rules.
      if (isAppError(error) && error.code === "CONCURRENT_CHANGE" && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

