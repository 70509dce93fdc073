"use client";

import { useRef, useState, type DragEvent } from "react";
import { useRouter } from "next/navigation";
import { postDeposit } from "./deposit-answer";
import { DepositItem, type DepositItemState } from "./deposit-item";

let nextKey = 0;

function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1).replace(".", ",")} Mo`;
}

/** The drag-and-drop deposit box; each file is uploaded with its own progress bar and outcome. */
export function DepositBox({ conventionId, token, maxBytes }: { conventionId?: string | null; token?: string | null; maxBytes: number }) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<DepositItemState[]>([]);
  const [isDragging, setIsDragging] = useState(false);

  const update = (key: string, change: Partial<DepositItemState>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  async function upload(item: DepositItemState, chosenConventionId?: string, acknowledgedMismatch = false) {
    update(item.key, { phase: "uploading", progress: 0, result: undefined, failure: undefined });
    const answer = await postDeposit(
      { file: item.file, conventionId: chosenConventionId, token, acknowledgedMismatch },
      (fraction) => update(item.key, { progress: fraction }),
    );
    if (!answer.ok) {
      update(item.key, { phase: "failed", failure: answer.message });
      return;
    }
    update(item.key, { phase: "answered", result: answer.result });
    if (answer.result.outcome === "deposited") router.refresh();
  }

  function addFiles(files: FileList | File[]) {
    const added: DepositItemState[] = [];
    for (const file of Array.from(files)) {
      nextKey += 1;
      const item: DepositItemState = { key: `deposit-${nextKey}`, file, phase: "uploading", progress: 0 };
      if (file.size > maxBytes) {
        added.push({ ...item, phase: "failed", failure: `Le fichier est trop volumineux : ${formatMegabytes(maxBytes)} au maximum.` });
      } else {
        added.push(item);
      }
    }
    setItems((current) => [...added, ...current]);
    // On a convention's own page, depositing there is the user's choice; a link still asks to confirm.
    // One at a time keeps the progress bars honest and the server calm.
    void added.filter((item) => item.phase === "uploading")
      .reduce((previous, item) => previous.then(() => upload(item, conventionId ?? undefined)), Promise.resolve());
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setIsDragging(false);
    if (event.dataTransfer.files.length > 0) addFiles(event.dataTransfer.files);
  }

  const restricted = Boolean(conventionId || token);

  return (
    <div className="space-y-3">
      <div
        onDragOver={(event) => { event.preventDefault(); setIsDragging(true); }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={onDrop}
        className={`rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm transition-colors ${
          isDragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"
        }`}
      >
        <p className="text-slate-700">
          {restricted ? "Glissez ici le PDF de la convention remplie" : "Glissez ici un ou plusieurs PDF de conventions remplies"}
        </p>
        <p className="my-1 text-xs text-slate-500">ou</p>
        <button
          type="button"
          onClick={() => inputRef.current?.click()}
          className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800"
        >
          Choisir {restricted ? "le fichier" : "des fichiers"}
        </button>
        <input
          ref={inputRef}
          type="file"
          accept="application/pdf,.pdf"
          multiple={!restricted}
          className="sr-only"
          aria-label="Fichiers PDF à déposer"
          onChange={(event) => {
            if (event.target.files && event.target.files.length > 0) addFiles(event.target.files);
            event.target.value = "";
          }}
        />
        <p className="mt-2 text-xs text-slate-500">PDF uniquement, {formatMegabytes(maxBytes)} au maximum par fichier.</p>
      </div>
      {items.length > 0 && (
        <ul className="space-y-2" aria-live="polite" aria-label="Fichiers déposés">
          {items.map((item) => (
            <DepositItem
              key={item.key}
              item={item}
              restrictedConventionId={conventionId}
              token={token}
              onConfirm={(target, chosenId, acknowledgedMismatch) => void upload(target, chosenId, acknowledgedMismatch)}
              onDismiss={(target) => setItems((current) => current.filter((other) => other.key !== target.key))}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
