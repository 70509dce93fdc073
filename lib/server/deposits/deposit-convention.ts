import type { Db } from "@/db/client";
import { deposits } from "@/db/schema";
import { findConventionForDeposit, findConventionIdByOriginalSha256, type DepositTarget } from "@/db/queries/deposits";
import { canApply, conventionStateLabels, type ConventionState } from "@/lib/core/conventions/convention-state-machine";
import { AppError, isAppError } from "@/lib/core/errors";
import { formatDateFr } from "@/lib/core/format-date";
import { analyzeConventionPdf } from "@/lib/core/pdf-analysis/analyze-convention-pdf";
import type { ConventionIdSource, PdfAnalysis, Recognition } from "@/lib/core/pdf-analysis/analysis-types";
import { appUrl } from "@/lib/server/config/env";
import { conventionUrlFor } from "@/lib/server/deposit-links";
import type { FileStore } from "@/lib/server/files/file-store";
import { getFileStore } from "@/lib/server/files/get-file-store";
import { deleteFileIfUnreferenced } from "@/lib/server/files/delete-file-if-unreferenced";
import { applyConventionTransition } from "@/lib/server/conventions/apply-convention-transition";
import { hostAdminRecipients } from "@/lib/server/mail/queue-mail";
import { decideRecognition } from "./decide-recognition";
import { maxDepositBytes, formatMegabytes } from "./deposit-limits";
import type { Depositor } from "@/lib/core/auth/depositor";
import { signerNames, summarizeSignatures } from "./summarize-signatures";
import { formatStudentName } from "@/lib/core/format-student-name";
import { isUuid } from "@/lib/core/is-uuid";

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
};

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
  | { outcome: "needs-choice"; message: string; analysis: DepositAnalysisSummary };

export type AnalyzePdf = typeof analyzeConventionPdf;

export type DepositConventionInput = {
  depositor: Depositor;
  bytes: Uint8Array;
  fileName?: string | null;
  /** The user's choice (unrecognised file) or confirmation (probable convention). */
  requestedConventionId?: string | null;
  now?: Date;
  maxBytes?: number;
  store?: FileStore;
  analyze?: AnalyzePdf;
};

const MAX_ATTEMPTS = 3;

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

function summaryOf(analysis: PdfAnalysis, fileName: string | null): DepositAnalysisSummary {
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
  };
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
async function loadAuthorisedTarget(db: Db, depositor: Depositor, conventionId: string, idFromFile: boolean): Promise<DepositTarget> {
  return authoriseTarget(await findConventionForDeposit(db, depositor, conventionId), idFromFile);
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
  recognition: Recognition; fileName: string | null; now: Date;
}): Promise<{ depositId: string; state: ConventionState }> {
  const { target, depositor, fileKey, analysis, recognition, fileName, now } = args;
  return db.transaction(async (tx) => {
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

function depositedMessage(recognition: Recognition, target: DepositTarget, analysis: PdfAnalysis): string {
  const signers = signerNames(analysis);
  const signedBy = signers.length > 0 ? `, signée par ${signers.join(", ")}` : "";
  const head = recognition === "automatic" ? `Reconnue automatiquement : ${studentNameOf(target)}${signedBy}.` : `Déposée pour ${studentNameOf(target)}${signedBy}.`;
  return `${head} La convention est en attente de validation par l'établissement d'accueil.`;
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
  const fileName = input.fileName ?? null;
  const now = input.now ?? new Date();
  const maxBytes = input.maxBytes ?? maxDepositBytes();
  const requestedConventionId = input.requestedConventionId?.toLowerCase() ?? null;
  if (requestedConventionId && !isUuid(requestedConventionId)) throw new AppError("INVALID_INPUT", "La convention choisie est invalide.");
  checkUpload(bytes, maxBytes);

  const analyze = input.analyze ?? analyzeConventionPdf;
  const analysis = await analyze(bytes, {
    findOriginalBySha256: (sha256) => findConventionIdByOriginalSha256(db, sha256),
    maxBytes,
    appUrl: appUrl(),
  });
  if (analysis.verdict === "unreadable") {
    throw new AppError("PDF_UNREADABLE", `Ce PDF est illisible : ${analysis.problems[0] ?? "il est endommagé ou incomplet."}`);
  }
  const summary = summaryOf(analysis, fileName);

  const decision = decideRecognition({
    analysis,
    requestedConventionId,
    linkConventionId: depositor.kind === "link" ? depositor.conventionId : null,
  });
  if (decision.kind === "refuse") {
    if (decision.reason === "link-for-another-convention") {
      throw new AppError("DEPOSIT_LINK_INVALID", "Ce fichier est la convention d'un autre stagiaire : ce lien ne permet de déposer que la convention pour laquelle il a été envoyé.");
    }
    throw new AppError("INVALID_INPUT", "Ce fichier est la convention signée d'un autre stagiaire : il ne peut pas être déposé pour celui que vous avez choisi.");
  }
  const needsChoice: DepositResult = { outcome: "needs-choice", message: "Non reconnue : choisissez le stagiaire.", analysis: summary };
  if (decision.kind === "choose") return needsChoice;
  if (decision.kind === "confirm") {
    const found = await findConventionForDeposit(db, depositor, decision.conventionId);
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

  const store = input.store ?? await getFileStore();
  let storedKey: string | null = null;
  let committed = false;
  try {
    for (let attempt = 1; ; attempt++) {
      const target = await loadAuthorisedTarget(db, depositor, decision.conventionId, decision.idFromFile);
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
          target, depositor, fileKey: storedKey, analysis, recognition: decision.recognition, fileName, now,
        });
        committed = true;
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
  } finally {
    if (storedKey && !committed) await deleteFileIfUnreferenced(db, storedKey, store);
  }
}

/** A content-addressed file may already serve another deposit or an original: delete it only when nothing points at it. */
