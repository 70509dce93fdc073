/** The short explanation shown beside the tabs, in the portal's own words. */
export function HowItWorks() {
  return (
    <details className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-sm text-slate-800">
      <summary className="cursor-pointer font-semibold text-brand-800">Comment cela fonctionne ?</summary>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        <li>Quand une inscription est terminée, le portail prépare la convention et l&apos;envoie par courriel à l&apos;établissement d&apos;origine : elle apparaît dans <strong>Non retournées</strong>.</li>
        <li>La convention signée par les trois parties revient par le dépôt (signature électronique ou scan) : elle passe dans <strong>En attente de validation</strong>.</li>
        <li>L&apos;établissement d&apos;accueil vérifie le document et les signatures, puis valide la conformité : elle rejoint <strong>Validées</strong>. S&apos;il manque quelque chose, il l&apos;invalide avec un motif ; l&apos;établissement d&apos;origine reçoit un courriel avec un lien pour déposer une version corrigée.</li>
        <li>Chaque étape est notée dans l&apos;historique de la convention, et tous les fichiers déposés y restent téléchargeables.</li>
      </ol>
    </details>
  );
}
