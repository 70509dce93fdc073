import { getDb } from "@/db/client";
import { createRouteHandler } from "@/lib/server/http/create-route-handler";
import { readSchoolSignatureImage } from "@/lib/server/schools/read-school-signature-image";

/** The signature image of the signed-in user's school, for the preview on the Options page. */
export const GET = createRouteHandler({
  caller: "session",
  errors: "text",
  handle: async ({ actor }) => {
    const image = await readSchoolSignatureImage(await getDb(), actor);
    if (!image) return new Response("Aucune signature enregistrée.", { status: 404 });
    return new Response(Buffer.from(image.bytes), {
      headers: { "Content-Type": image.contentType, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
    });
  },
});
