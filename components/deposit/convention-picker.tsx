"use client";

import { useEffect, useId, useState } from "react";
import { fetchDepositableConventions, type DepositableConventionOption } from "./deposit-answer";

/** Searchable list of the conventions the user may deposit for; `onChoose` receives the chosen one. */
export function ConventionPicker({ token, disabled, onChoose }: {
  token?: string | null;
  disabled?: boolean;
  onChoose: (option: DepositableConventionOption) => void;
}) {
  const inputId = useId();
  const [search, setSearch] = useState("");
  const [options, setOptions] = useState<DepositableConventionOption[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchDepositableConventions({ search, token }, controller.signal)
        .then((found) => { setOptions(found); setFailure(null); })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setFailure(error instanceof Error ? error.message : "La liste n'a pas pu être chargée.");
        });
    }, 250);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [search, token]);

  const selected = options?.find((option) => option.id === selectedId) ?? null;

  return (
    <div className="mt-2 space-y-2">
      <label htmlFor={inputId} className="block text-xs font-medium text-slate-700">Rechercher le stagiaire (nom, prénom, établissement)</label>
      <input
        id={inputId}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        placeholder="Ex. : Dupont"
        className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
      />
      {failure && <p className="text-xs text-red-700">{failure}</p>}
      {options && options.length === 0 && (
        <p className="text-xs text-slate-600">Aucune convention en attente de dépôt ne correspond à cette recherche.</p>
      )}
      {options && options.length > 0 && (
        <ul className="max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 bg-white" aria-label="Conventions possibles">
          {options.map((option) => (
            <li key={option.id}>
              <label className={`flex cursor-pointer items-start gap-2 px-2 py-1.5 text-sm ${selectedId === option.id ? "bg-brand-50" : "hover:bg-slate-50"}`}>
                <input
                  type="radio"
                  name={`${inputId}-choice`}
                  className="mt-1"
                  checked={selectedId === option.id}
                  onChange={() => setSelectedId(option.id)}
                />
                <span>
                  <span className="font-medium">{option.studentName}</span>
                  <span className="block text-xs text-slate-600">
                    {option.originSchoolName} · {option.internshipTitle} · {option.internshipDate} · {option.stateLabel}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        disabled={!selected || disabled}
        onClick={() => selected && onChoose(selected)}
        className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {selected ? `Déposer pour ${selected.studentName}` : "Choisissez un stagiaire"}
      </button>
    </div>
  );
}
