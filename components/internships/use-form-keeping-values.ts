"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { ActionState } from "@/lib/server/actions/create-action";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * useActionState for forms that can be refused: React resets a form after its `action` runs,
 * which would wipe what the secretary typed. Submitting through onSubmit keeps the fields; the
 * `action` attribute still works before hydration.
 */
export function useFormKeepingValues(action: FormAction) {
  const [state, formAction, isPending] = useActionState(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
  return { state, formAction, isPending, onSubmit };
}
