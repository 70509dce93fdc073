import type { Metadata } from "next";
import { findSchoolFollowUpSettings, findSchoolOptions } from "@/db/queries/schools";
import { getDb } from "@/db/client";
import { FollowUpSettingsForm } from "@/components/options/follow-up-settings-form";
import { SchoolContactForm } from "@/components/options/school-contact-form";
import { SignatureImageForm } from "@/components/options/signature-image-form";
import { MissingContactEmailNotice } from "@/components/mail/missing-contact-email-notice";
import { requireActor } from "@/lib/server/auth/require-actor";
import { deleteSignatureImage, saveFollowUpSettings, saveSchoolOptions, uploadSignatureImage } from "./actions";
import { SignerTrustOptions } from "./signer-trust-options";

export const metadata: Metadata = { title: "Options" };

export default async function OptionsPage() {
  const actor = await requireActor("/options");
  const options = await findSchoolOptions(actor);
  const followUp = await findSchoolFollowUpSettings(await getDb(), actor);
  return (
    <section className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">Options</h1>
        <p className="text-slate-700">Réglages de votre établissement : {options.name}.</p>
      </div>
      {options.contactEmail ? null : <MissingContactEmailNotice />}
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">Contact et chef d&apos;établissement</h2>
        <p className="mt-1 text-sm text-slate-600">
          L&apos;adresse de contact reçoit les courriels du portail (conventions à signer, validations, invalidations).
          Le nom du chef d&apos;établissement figure sur les conventions.
        </p>
        <SchoolContactForm action={saveSchoolOptions} headName={options.headName ?? ""} contactEmail={options.contactEmail ?? ""} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">Signature du chef d&apos;établissement</h2>
        <p className="mt-1 text-sm text-slate-600">
          Si vous définissez une signature, elle est apposée automatiquement dans le cadre de votre établissement sur
          chaque convention générée ensuite. Image PNG ou JPEG de 1 Mo au plus, de préférence sur fond blanc ou transparent.
        </p>
        <SignatureImageForm
          uploadAction={uploadSignatureImage}
          removeAction={deleteSignatureImage}
          previewUrl={options.signatureImageVersion ? `/options/signature?v=${options.signatureImageVersion}` : null}
        />
      </div>
      {actor.role === "host_admin" ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="text-lg font-semibold text-slate-900">Sessions proches et relances</h2>
          <p className="mt-1 text-sm text-slate-600">
            Une convention non retournée dont la session a lieu dans ce nombre de jours porte le badge « J-n » ; chaque matin à 7 h,
            l&apos;établissement d&apos;origine reçoit une relance (un courriel par établissement) pour ces conventions, au plus une fois
            par intervalle choisi, comme avec « Relancer ».
          </p>
          <FollowUpSettingsForm action={saveFollowUpSettings} urgencyDays={followUp.urgencyDays} reminderCooldownDays={followUp.reminderCooldownDays} />
        </div>
      ) : null}
      {actor.role === "host_admin" ? <SignerTrustOptions actor={actor} /> : null}
    </section>
  );
}
