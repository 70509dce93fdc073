import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildSampleConventionInput } from "../lib/core/convention-pdf/build-sample-convention-input";
import { generateConventionPdf } from "../lib/core/convention-pdf/generate-convention-pdf";
import { readConventionFonts } from "../lib/server/conventions/read-convention-fonts";

const usage = `Usage : npm run --silent convention:sample -- --id <uuid> --out <fichier.pdf> [--stamp] [--app-url <url>]

Écrit une convention de mini-stage avec des données fictives.
  --id        identifiant (UUID) de la convention
  --out       fichier PDF à écrire ("-" pour la sortie standard)
  --stamp     appose des images de signature fictives pour les deux établissements
  --app-url   adresse de l'application pour le QR code (défaut : http://localhost:3000)`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        id: { type: "string" },
        out: { type: "string" },
        stamp: { type: "boolean", default: false },
        "app-url": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.id || !values.out) {
    console.error(usage);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await generateConventionPdf(
      buildSampleConventionInput({ conventionId: values.id, appUrl: values["app-url"], withStamps: values.stamp }),
      readConventionFonts(),
    );
  } catch (error) {
    console.error(`Impossible de générer la convention : ${(error as Error).message}`);
    return 2;
  }
  if (values.out === "-") process.stdout.write(bytes);
  else writeFileSync(values.out, bytes);
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
