export function DevMailboxNotice() {
  return (
    <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      Outil de développement : aucun fournisseur d&apos;envoi n&apos;est configuré (RESEND_API_KEY absent), les courriels
      restent dans la base et s&apos;affichent ici au lieu de partir. Cette page est lisible sans connexion ; elle
      n&apos;existe pas quand un fournisseur est configuré, ni en production sauf si DEV_MAILBOX=1 la demande
      explicitement (jamais sur un portail ouvert au public : les liens de dépôt y sont lisibles).
    </p>
  );
}
