import { getDb } from "@/db/client";
import { isAppError } from "@/lib/core/errors";
import { requireActorOrThrow } from "@/lib/server/auth/require-actor";
import { readSchoolSignatureImage } from "@/lib/server/schools/read-school-signature-image";

/** The signature image of the signed-in user's school, for the preview on the Options page. */
export async function GET(): Promise<Response> {
  try {
    const actor = await requireActorOrThrow();
    const image = await readSchoolSignatureImage(await getDb(), actor);
    if (!image) return new Response("Aucune signature enregistrée.", { status: 404 });
    return new Response(Buffer.from(image.bytes), {
      headers: { "Content-Type": image.contentType, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    if (isAppError(error)) return new Response(error.userMessage, { status: error.status });
    throw error;
  }
}
