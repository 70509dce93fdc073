import type { ActionState } from "@/lib/server/actions/create-action";

/** The outcome of a form's last submission, announced to screen readers. */
export function ActionMessage({ state }: { state: ActionState }) {
  if (!state?.message) return null;
  return state.ok ? (
    <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">{state.message}</p>
  ) : (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p>
  );
}
