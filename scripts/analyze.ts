import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { analyzeConventionPdf } from "../lib/core/pdf-analysis/analyze-convention-pdf";

const usage = `Usage : npm run --silent analyze -- FICHIER.pdf [--original CONVENTION.pdf]... [--trust-anchor AUTORITE.pem]... [--pinned-key EMPREINTE]... [--app-url URL]

Analyse un PDF de convention et affiche le résultat en JSON (voir DESIGN.md §4).
  --original       convention générée par le portail (son original), à laquelle le fichier peut correspondre ;
                   sans elle, la reconnaissance n'est jamais « automatic »
  --pinned-key     empreinte SHA-256 (hex) de la clé publique d'un signataire accepté (« signataire connu »)
  --trust-anchor   certificat d'autorité (PEM) auquel une signature doit remonter pour être « reconnue »
  --app-url        adresse de l'application attendue dans les QR codes (défaut : variable APP_URL)
Code de sortie : 0 dès que le fichier a été lu, quel que soit le verdict ; 2 pour un usage incorrect ou un fichier absent.`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        "trust-anchor": { type: "string", multiple: true, default: [] },
        original: { type: "string", multiple: true, default: [] },
        "pinned-key": { type: "string", multiple: true, default: [] },
        "app-url": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  const file = positionals[0];
  let bytes: Uint8Array;
  let anchors: string[];
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
    bytes = readFileSync(file);
  } catch {
    console.error(`Fichier introuvable ou illisible : ${file}`);
    return 2;
  }
  try {
    anchors = (values["trust-anchor"] ?? []).map((path) => readFileSync(path, "utf8"));
  } catch {
    console.error("Certificat d'autorité introuvable ou illisible.");
    return 2;
  }
  // The generated originals stand for the portal's store: SHA-256 of their bytes -> the convention id they carry.
  const originals = new Map<string, string>();
  for (const path of values.original ?? []) {
    let original: Uint8Array;
    try {
      original = readFileSync(path);
    } catch {
      console.error(`Convention d'origine introuvable ou illisible : ${path}`);
      return 2;
    }
    const read = await analyzeConventionPdf(original, { scanImagesForQrCode: false });
    if (!read.conventionId) {
      console.error(`Aucun numéro de convention dans la convention d'origine : ${path}`);
      return 2;
    }
    originals.set(read.sha256, read.conventionId);
  }
  const analysis = await analyzeConventionPdf(bytes, {
    findOriginalBySha256: async (sha256) => originals.get(sha256) ?? null,
    pinnedKeys: (values["pinned-key"] ?? []).map((key) => ({ spkiSha256: key.trim().toLowerCase() })),
    trustAnchors: anchors,
    appUrl: values["app-url"] ?? process.env.APP_URL,
  });
  process.stdout.write(`${JSON.stringify(analysis, null, 2)}\n`);
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
