/**
 * The confirmations an action may leave in the URL after redirecting (`?message=<code>`). Only these
 * codes are shown, with the text written here: a link cannot put words of its own in the banner.
 */
export const flashMessages = {
  "stage-publie": "Le stage est publié.",
  "stage-modifie": "Le stage est modifié.",
  "stage-annule": "Le stage est annulé.",
  "stage-annule-un-etablissement-prevenu": "Le stage est annulé. L'établissement d'origine est prévenu par courriel.",
  "stage-annule-etablissements-prevenus": "Le stage est annulé. Les établissements d'origine sont prévenus par courriel.",
  "stagiaire-enregistre": "Le stagiaire est enregistré. Vous pouvez maintenant l'inscrire à un stage.",
  "stagiaire-modifie": "Les informations du stagiaire sont enregistrées.",
  "stagiaire-inscrit": "Le stagiaire est inscrit. Terminez l'inscription pour générer la convention.",
  "inscription-terminee": "Inscription terminée : la convention est générée et envoyée par courriel à votre établissement.",
  "inscription-deja-terminee": "Cette inscription était déjà terminée : sa convention existe.",
  "inscription-abandonnee": "L'inscription est abandonnée : la place est libérée.",
  "convention-validee": "La convention est validée. L'établissement d'origine en est informé par courriel.",
  "convention-invalidee-non-retournee": "La convention est invalidée. Elle revient dans les conventions non retournées. L'établissement d'origine a reçu le motif et un lien pour déposer une nouvelle version.",
  "convention-invalidee-en-attente": "La convention est invalidée. Elle reste en attente, marquée invalidée. L'établissement d'origine a reçu le motif et un lien pour déposer une nouvelle version.",
  "convention-version-origine": "La convention est revenue à sa version d'origine ; le fichier déposé reste dans l'historique.",
} as const;

export type FlashCode = keyof typeof flashMessages;

/** The text of a code taken from the URL, or null for anything that is not one of the codes. */
export function flashMessageOf(code: unknown): string | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (typeof value !== "string" || !Object.hasOwn(flashMessages, value)) return null;
  return flashMessages[value as FlashCode];
}
