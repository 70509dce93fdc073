/** "3 / 12", with the session shown full or cancelled at a glance. */
export function SeatsLabel({ taken, seats, isCancelled }: { taken: number; seats: number; isCancelled: boolean }) {
  if (isCancelled) return <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">Annulé</span>;
  const isFull = taken >= seats;
  return (
    <span className="whitespace-nowrap">
      {taken} / {seats}
      {isFull ? <span className="ml-1.5 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Complet</span> : null}
    </span>
  );
}
