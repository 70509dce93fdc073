export const errorCodes = {
  UNAUTHENTICATED: { status: 401, message: "Veuillez vous connecter pour continuer." },
  FORBIDDEN: { status: 403, message: "Vous n'avez pas les droits nécessaires pour cette action." },
  NOT_FOUND: { status: 404, message: "Élément introuvable." },
  CONVENTION_NOT_FOUND: { status: 404, message: "Convention introuvable." },
  TRANSITION_NOT_ALLOWED: { status: 409, message: "Cette action n'est pas possible dans l'état actuel de la convention." },
  CONCURRENT_CHANGE: { status: 409, message: "Cette convention a changé entre-temps. Rechargez la page et recommencez." },
  INVALID_INPUT: { status: 400, message: "Les informations saisies sont incomplètes ou invalides." },
  INTERNSHIP_FULL: { status: 409, message: "Ce stage est complet : il n'y a plus de place disponible." },
  INTERNSHIP_IN_PAST: { status: 409, message: "Ce stage a déjà eu lieu : l'inscription n'est plus possible." },
  INTERNSHIP_CANCELLED: { status: 409, message: "Ce stage a été annulé." },
  STUDENT_ALREADY_ENROLLED: { status: 409, message: "Ce stagiaire est déjà inscrit à ce stage." },
  CONVENTION_GENERATION_FAILED: { status: 503, message: "L'inscription est enregistrée mais la convention n'a pas pu être générée. Réessayez dans un instant." },
  ALREADY_ENROLLED_THAT_DAY: { status: 409, message: "Ce stagiaire est déjà inscrit à un stage ce jour-là." },
  GUARDIAN_EMAIL_MISSING: { status: 400, message: "L'adresse e-mail du responsable légal est obligatoire pour terminer l'inscription." },
  NOT_A_PDF: { status: 400, message: "Ce fichier n'est pas un PDF." },
  EMPTY_FILE: { status: 400, message: "Le fichier est vide." },
  FILE_TOO_LARGE: { status: 413, message: "Le fichier est trop volumineux." },
  PDF_UNREADABLE: { status: 422, message: "Ce PDF est illisible ou endommagé." },
  IMAGE_INVALID: { status: 400, message: "L'image doit être au format PNG ou JPEG." },
  CERTIFICATE_INVALID: { status: 400, message: "Ce fichier n'est pas un certificat lisible." },
  SIGNER_NOT_TRUSTABLE: { status: 409, message: "Ce signataire ne peut pas être accepté." },
  CONVENTION_OTHER_SCHOOL: { status: 403, message: "Cette convention appartient à un autre établissement." },
  CONVENTION_ALREADY_VALIDATED: { status: 409, message: "Cette convention est déjà validée." },
  DEPOSIT_LINK_INVALID: { status: 403, message: "Ce lien de dépôt est invalide ou a expiré." },
  ANALYSIS_INTERRUPTED: { status: 422, message: "Analyse interrompue : fichier trop complexe." },
  SERVER_BUSY: { status: 503, message: "Le portail traite beaucoup de dépôts en ce moment : réessayez dans une minute." },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** A domain error with a code mapped once to a French message and an HTTP status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly userMessage: string;

  constructor(code: ErrorCode, userMessage?: string) {
    super(userMessage ?? errorCodes[code].message);
    this.name = "AppError";
    this.code = code;
    this.status = errorCodes[code].status;
    this.userMessage = userMessage ?? errorCodes[code].message;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
