import { sameXrefEntry, type PdfDocument, type XrefEntry } from "./pdf-document";
import {
  bytesEqual,
  dictOf,
  isArray,
  isDict,
  isName,
  isRef,
  isStream,
  latin1,
  nameValue,
  numberValue,
  objectsEqual,
  type PdfDict,
  type PdfObject,
} from "./pdf-objects";
import { ReferenceGraph } from "./reference-graph";

/**
 * Explains one incremental update completely, or says what it could not explain (DESIGN.md §4):
 * a signature update signs an empty signature field (or one it adds), adds only objects reachable
 * from that signature, DSS/VRI or the form's resources, and redefines only allowlisted objects,
 * compared entry by entry, that nothing else in the previous revision used.
 */

export type UpdateKind = "signature" | "dss" | "empty" | "unexplained";

export interface UpdateExplanation {
  kind: UpdateKind;
  /** French sentences for what could not be explained, most precise first. */
  problems: string[];
  /** Short English notes for tests and logs. */
  reasons: string[];
}

/** Keys a signature field or its widget may gain or change when it is signed. */
const SIGNING_KEYS = new Set(["V", "AP", "AS", "MK", "M", "F", "Ff", "Lock", "SV", "DA", "DR", "NM", "StructParent"]);
/** Keys a signature field/widget added by a signer may carry; actions (/A, /AA) are not among them. */
const NEW_SIGNATURE_FIELD_KEYS = new Set([
  "Type", "Subtype", "FT", "T", "TU", "TM", "V", "Rect", "P", "F", "Ff", "AP", "AS", "MK", "DA", "DR",
  "Lock", "SV", "StructParent", "Border", "BS", "NM", "M", "Parent", "Kids", "DV",
]);
const ACROFORM_KEYS = new Set(["Fields", "SigFlags", "DR", "DA", "NeedAppearances"]);
const CATALOG_KEYS = new Set(["AcroForm", "DSS", "Perms", "Extensions", "Version", "Metadata"]);
const INFO_KEYS = new Set(["ModDate", "Producer", "Creator"]);
/** XMP properties a signer may rewrite: dates, producing tool, instance identifiers. */
const XMP_VOLATILE = /^(xmp:ModifyDate|xmp:MetadataDate|pdf:Producer|xmp:CreatorTool|xmpMM:InstanceID|xmpMM:VersionID|rdf:about|xmlns:\w+|x:xmptk)$/;
/** A new signature's widget may not cover more than this share of its page. */
const MAX_WIDGET_PAGE_SHARE = 0.25;
const TOLERANCE = 1e-3;

interface SignedField {
  num: number;
  /** The field and its widgets (the same object when merged). */
  nodes: Set<number>;
  isNew: boolean;
}

export class UpdateExplainer {
  private readonly graphs = new Map<number, ReferenceGraph>();

  constructor(private readonly doc: PdfDocument) {}

  graph(revision: number): ReferenceGraph {
    let graph = this.graphs.get(revision);
    if (!graph) this.graphs.set(revision, (graph = new ReferenceGraph(this.doc, revision)));
    return graph;
  }

  /**
   * Explains revision `revision` against the one before it. `signedFieldNums`: the fields whose
   * signature dictionary this revision writes and whose signature is intact; `signedLater`: fields
   * an intact signature of a later revision fills (a tool may add the empty field first).
   */
  explain(revision: number, signedFieldNums: ReadonlySet<number>, signedLater: ReadonlySet<number> = new Set()): UpdateExplanation {
    return new UpdateCheck(this, this.doc, revision, signedFieldNums, signedLater).run();
  }
}

class UpdateCheck {
  private readonly problems: string[] = [];
  private readonly reasons: string[] = [];
  private readonly before: number;
  private readonly oldGraph: ReferenceGraph;
  private readonly newGraph: ReferenceGraph;
  private readonly signed: SignedField[] = [];
  private pageOf: Map<number, number> | null = null;

  constructor(
    private readonly explainer: UpdateExplainer,
    private readonly doc: PdfDocument,
    private readonly revision: number,
    private readonly signedFieldNums: ReadonlySet<number>,
    private readonly signedLater: ReadonlySet<number>,
  ) {
    this.before = revision - 1;
    this.oldGraph = explainer.graph(this.before);
    this.newGraph = explainer.graph(revision);
  }

  private fail(reason: string, problem: string): void {
    if (this.reasons.length < 50) this.reasons.push(reason);
    if (!this.problems.includes(problem) && this.problems.length < 10) this.problems.push(problem);
  }

  run(): UpdateExplanation {
    const { changed, added } = this.changedObjects();
    if (changed.size === 0 && added.size === 0 && this.sameTrailer()) return { kind: "empty", problems: [], reasons: [] };
    this.collectSignedFields();
    this.checkTrailer();
    const allowedNew = this.allowedNewObjects();
    for (const num of added) {
      if (allowedNew.has(num) || !this.newGraph.reachable.has(num) || this.isGenuineContainer(num, this.revision)) continue;
      this.fail(`new object ${num} not reachable from the signature`, this.describeNew(num));
    }
    for (const num of changed) this.judgeRedefined(num);
    if (this.problems.length > 0) return { kind: "unexplained", problems: this.problems, reasons: this.reasons };
    return { kind: this.signed.length > 0 ? "signature" : "dss", problems: [], reasons: this.reasons };
  }

  /** Objects whose xref entry this revision writes: redefined ones and new ones. */
  private changedObjects(): { changed: Set<number>; added: Set<number> } {
    const doc = this.doc;
    const rev = doc.revisions[this.revision];
    const changed = new Set<number>();
    const added = new Set<number>();
    for (const [num, entry] of rev.entries) {
      const previous = doc.findEntry(num, this.before)?.entry;
      if (sameEntry(previous, entry)) continue;
      if (entry.type === "offset" && (entry.offset < rev.start || entry.offset >= rev.end)) {
        this.fail(`xref entry ${num} points outside its revision`, "Une mise à jour du document désigne des octets d'une version antérieure.");
        continue;
      }
      if (entry.type === "compressed") {
        const container = rev.entries.get(entry.streamNum);
        if (!container || container.type !== "offset") {
          this.fail(`object ${num} taken from an earlier object stream`, "Une mise à jour du document réutilise des objets d'une version antérieure.");
          continue;
        }
      }
      const existed = previous !== undefined && previous.type !== "free" && doc.getObject(num, this.before) !== null;
      if (entry.type === "free") {
        if (existed) this.fail(`object ${num} deleted`, this.describeOld(num, "supprimé"));
        continue;
      }
      (existed ? changed : added).add(num);
    }
    // Objects left in an object stream that this revision rewrites change without an entry of their own.
    const rewritten = new Set([...changed].filter((num) => doc.findEntry(num, this.before)?.entry.type === "offset"));
    if (rewritten.size > 0) {
      for (let r = 0; r < this.revision; r++) {
        for (const [num, entry] of doc.revisions[r].entries) {
          if (entry.type === "compressed" && rewritten.has(entry.streamNum) && !rev.entries.has(num) && doc.findEntry(num, this.before)?.revision === r) {
            changed.add(num);
          }
        }
      }
    }
    return { changed, added };
  }

  private sameTrailer(): boolean {
    const a = this.doc.revisions[this.before].trailer.entries;
    const b = this.doc.revisions[this.revision].trailer.entries;
    for (const key of ["Root", "Info", "Encrypt"]) if (!valuesClose(a.get(key), b.get(key))) return false;
    return true;
  }

  private collectSignedFields(): void {
    const prepared = [...this.signedLater].filter((num) => {
      if (this.signedFieldNums.has(num) || this.doc.getObject(num, this.before) !== null) return false;
      const dict = this.doc.resolveDict(ref(num), this.revision);
      return dict !== null && isName(dict.entries.get("FT"), "Sig") && !dict.entries.has("V");
    });
    for (const num of [...this.signedFieldNums, ...prepared]) {
      const dict = this.doc.resolveDict(ref(num), this.revision);
      if (!dict) continue;
      const nodes = new Set([num]);
      const kids = this.doc.resolve(dict.entries.get("Kids"), this.revision);
      if (isArray(kids)) for (const kid of kids.items) if (isRef(kid)) nodes.add(kid.num);
      const existed = this.doc.getObject(num, this.before) !== null;
      this.signed.push({ num, nodes, isNew: !existed });
    }
  }

  private checkTrailer(): void {
    const oldTrailer = this.doc.revisions[this.before].trailer.entries;
    const newTrailer = this.doc.revisions[this.revision].trailer.entries;
    const oldRoot = oldTrailer.get("Root");
    const newRoot = newTrailer.get("Root");
    if (!isRef(oldRoot) || !isRef(newRoot) || oldRoot.num !== newRoot.num) {
      this.fail("catalog replaced", "Une mise à jour a remplacé le catalogue du document par un autre objet.");
    }
    const oldInfo = oldTrailer.get("Info");
    const newInfo = newTrailer.get("Info");
    if (!valuesClose(oldInfo, newInfo)) {
      const isFresh = isRef(newInfo) && this.doc.getObject(newInfo.num, this.before) === null;
      if (!isFresh) this.fail("Info replaced by an existing object", "Une mise à jour a remplacé les propriétés du document par un autre objet du fichier.");
      else this.compareInfo(this.doc.resolveDict(oldInfo, this.before), this.doc.resolveDict(newInfo, this.revision));
    }
    if (!valuesClose(oldTrailer.get("Encrypt"), newTrailer.get("Encrypt"))) {
      this.fail("encryption changed", "Une mise à jour a changé le chiffrement du document.");
    }
  }

  /** New objects a signature update may add: what the signed fields, DSS and the form's resources reach. */
  private allowedNewObjects(): Set<number> {
    const doc = this.doc;
    const graph = this.newGraph;
    const roots: number[] = [];
    for (const field of this.signed) {
      roots.push(...field.nodes);
      // Widgets a signer adds, to a field of its own or to an existing one, carry no action and cover little of a page.
      const added = [...field.nodes].filter((node) => field.isNew || this.doc.getObject(node, this.before) === null);
      if (added.length > 0) this.checkNewWidgets(added);
    }
    const catalog = doc.catalog(this.revision);
    const stopAt = new Set<number>();
    const rootRef = doc.revisions[this.revision].trailer.entries.get("Root");
    if (isRef(rootRef)) stopAt.add(rootRef.num);
    // Pages are reached back through /P: they are not part of the signature.
    for (const num of this.pageNumbers(this.revision)) stopAt.add(num);
    const allowed = graph.reachableFrom(roots, stopAt);
    for (const key of ["AcroForm", "Metadata"]) {
      const value = catalog?.entries.get(key);
      if (isRef(value)) allowed.add(value.num);
    }
    const dss = catalog?.entries.get("DSS");
    if (dss !== undefined) for (const num of graph.reachableFrom(collectRefs(dss), stopAt)) allowed.add(num);
    const acroForm = doc.resolveDict(catalog?.entries.get("AcroForm"), this.revision);
    const fields = acroForm?.entries.get("Fields");
    if (isRef(fields)) allowed.add(fields.num);
    const resources = acroForm?.entries.get("DR");
    if (resources !== undefined) for (const num of graph.reachableFrom(collectRefs(resources), stopAt)) allowed.add(num);
    for (const field of this.signed) {
      for (const node of field.nodes) {
        const page = doc.resolveDict(doc.resolveDict(ref(node), this.revision)?.entries.get("P"), this.revision);
        const annots = page?.entries.get("Annots");
        if (isRef(annots)) allowed.add(annots.num);
      }
    }
    const info = doc.revisions[this.revision].trailer.entries.get("Info");
    if (isRef(info) && doc.getObject(info.num, this.before) === null) allowed.add(info.num);
    return allowed;
  }

  private checkNewWidgets(nodes: number[]): void {
    for (const node of nodes) {
      const dict = this.doc.resolveDict(ref(node), this.revision);
      if (!dict) continue;
      const extra = [...dict.entries.keys()].filter((key) => !NEW_SIGNATURE_FIELD_KEYS.has(key));
      if (extra.length > 0) {
        this.fail(`new signature field ${node} carries ${extra.join(",")}`, "Un champ de signature ajouté porte des actions ou des éléments inhabituels.");
      }
      const rect = this.doc.resolve(dict.entries.get("Rect"), this.revision);
      const page = this.doc.resolveDict(dict.entries.get("P"), this.revision);
      const box = this.doc.resolve(page?.entries.get("MediaBox"), this.revision);
      const area = rectArea(rect);
      const pageArea = rectArea(box);
      if (area > 0 && pageArea > 0 && area / pageArea > MAX_WIDGET_PAGE_SHARE) {
        this.fail(`new signature widget ${node} covers ${Math.round((100 * area) / pageArea)}% of its page`, "Un champ de signature ajouté recouvre une grande partie de la page.");
      }
    }
  }

  private judgeRedefined(num: number): void {
    const doc = this.doc;
    const oldObject = doc.getObject(num, this.before);
    const newObject = doc.getObject(num, this.revision);
    const oldValue = oldObject?.value ?? null;
    const newValue = newObject?.value ?? null;
    if (valuesClose(oldValue, newValue)) return;
    const field = this.signed.find((f) => f.nodes.has(num));
    if (field) return this.judgeSignedNode(num, dictOf(oldValue), dictOf(newValue));
    const oldCatalogRef = doc.revisions[this.before].trailer.entries.get("Root");
    if (isRef(oldCatalogRef) && oldCatalogRef.num === num) return this.judgeCatalog(dictOf(oldValue), dictOf(newValue));
    const oldInfoRef = doc.revisions[this.before].trailer.entries.get("Info");
    if (isRef(oldInfoRef) && oldInfoRef.num === num) return this.compareInfo(dictOf(oldValue), dictOf(newValue));
    const oldCatalog = doc.catalog(this.before);
    const acroFormRef = oldCatalog?.entries.get("AcroForm");
    if (isRef(acroFormRef) && acroFormRef.num === num) return this.compareAcroForm(dictOf(oldValue), dictOf(newValue));
    const oldAcroForm = doc.resolveDict(acroFormRef, this.before);
    const fieldsRef = oldAcroForm?.entries.get("Fields");
    if (isRef(fieldsRef) && fieldsRef.num === num) return this.compareGrowingArray(oldValue, newValue, "Fields");
    const resourcesRef = oldAcroForm?.entries.get("DR");
    if (isRef(resourcesRef) && resourcesRef.num === num && isRef(acroFormRef) && this.ownedWithin(num, new Set([acroFormRef.num]))) return;
    const metadataRef = oldCatalog?.entries.get("Metadata");
    if (isRef(metadataRef) && metadataRef.num === num) return this.compareXmp(oldValue, newValue);
    const dssRef = oldCatalog?.entries.get("DSS");
    if (isRef(dssRef) && this.oldGraph.reachableFrom([dssRef.num]).has(num) && this.ownedWithin(num, this.oldGraph.reachableFrom([dssRef.num]))) return;
    if (this.isGenuineContainer(num, this.before) && this.isGenuineContainer(num, this.revision)) return;
    const pages = this.pageNumbers(this.before);
    if (pages.includes(num)) return this.judgePage(num, dictOf(oldValue), dictOf(newValue));
    if (this.isAnnotsArrayOfPage(num)) return this.compareGrowingArray(oldValue, newValue, "Annots");
    // An object of a field being signed that nothing else used (pdfsig rewrites the appearance it replaces).
    for (const signed of this.signed) {
      if (signed.isNew) continue;
      const stopAt = new Set(this.pageNumbers(this.before));
      const subtreeOld = this.oldGraph.reachableFrom(signed.nodes, stopAt);
      if (!subtreeOld.has(num) || !this.oldGraph.ownedBy(signed.nodes, subtreeOld).has(num)) continue;
      const subtreeNew = this.newGraph.reachableFrom(signed.nodes, new Set(this.pageNumbers(this.revision)));
      const referrersNew = this.newGraph.referrersOf(num);
      if ([...referrersNew].every((r) => subtreeNew.has(r))) return;
    }
    this.fail(`object ${num} redefined`, this.describeOld(num, "modifié"));
  }

  private ownedWithin(num: number, subtree: Set<number>): boolean {
    return [...this.oldGraph.referrersOf(num)].every((r) => subtree.has(r) || r === 0 || this.isCatalog(r));
  }

  private isCatalog(num: number): boolean {
    const root = this.doc.revisions[this.before].trailer.entries.get("Root");
    return isRef(root) && root.num === num;
  }

  private judgeSignedNode(num: number, oldDict: PdfDict | null, newDict: PdfDict | null): void {
    if (!oldDict || !newDict) return this.fail(`signed field ${num} is not a dictionary`, "Un champ de signature a été remplacé par un objet d'une autre nature.");
    if (oldDict.entries.has("V")) return this.fail(`field ${num} was already signed`, "Une signature existante a été remplacée.");
    const type = nameValue(oldDict.entries.get("FT")) ?? nameValue(newDict.entries.get("FT"));
    if (type !== "Sig" && (oldDict.entries.has("FT") || newDict.entries.has("FT"))) {
      return this.fail(`field ${num} is not a signature field`, "Un champ de formulaire a été transformé en champ de signature.");
    }
    for (const key of changedKeys(oldDict, newDict)) {
      if (SIGNING_KEYS.has(key)) continue;
      this.fail(`signed field ${num} /${key} changed`, "Le champ de signature a été déplacé ou modifié au-delà de la signature.");
    }
  }

  private judgeCatalog(oldDict: PdfDict | null, newDict: PdfDict | null): void {
    for (const key of changedKeys(oldDict, newDict)) {
      if (!CATALOG_KEYS.has(key)) {
        this.fail(`catalog /${key} changed`, "Une mise à jour a modifié la structure du document (catalogue).");
        continue;
      }
      const oldValue = oldDict?.entries.get(key);
      const newValue = newDict?.entries.get(key);
      if (key === "AcroForm") {
        if (isRef(newValue) && (!isRef(oldValue) || oldValue.num !== newValue.num) && this.doc.getObject(newValue.num, this.before) !== null) {
          this.fail("AcroForm replaced by an existing object", "Une mise à jour a remplacé le formulaire par un autre objet du fichier.");
        } else if (!isRef(newValue) || !isRef(oldValue) || oldValue.num !== newValue.num) {
          this.compareAcroForm(this.doc.resolveDict(oldValue, this.before), this.doc.resolveDict(newValue, this.revision));
        }
      } else if (key === "Metadata") {
        if (!isRef(newValue) || this.doc.getObject(newValue.num, this.before) !== null) {
          this.fail("Metadata replaced by an existing object", "Les métadonnées du document ont été remplacées.");
        } else this.compareXmp(this.doc.resolve(oldValue, this.before) ?? null, this.doc.resolve(newValue, this.revision) ?? null);
      } else if (key === "DSS" || key === "Perms") {
        if (isRef(newValue) && this.doc.getObject(newValue.num, this.before) !== null && !(isRef(oldValue) && oldValue.num === newValue.num)) {
          this.fail(`catalog /${key} points at an existing object`, "Une mise à jour a détourné un objet existant du document.");
        }
      }
    }
  }

  private compareInfo(oldDict: PdfDict | null, newDict: PdfDict | null): void {
    for (const key of changedKeys(oldDict, newDict)) {
      if (!INFO_KEYS.has(key)) this.fail(`Info /${key} changed`, "Les propriétés du document (titre, numéro de convention…) ont été modifiées.");
    }
  }

  private compareAcroForm(oldDict: PdfDict | null, newDict: PdfDict | null): void {
    for (const key of changedKeys(oldDict, newDict)) {
      if (!ACROFORM_KEYS.has(key)) {
        this.fail(`AcroForm /${key} changed`, "Une mise à jour a modifié le formulaire du document.");
        continue;
      }
      const newValue = newDict?.entries.get(key);
      if (key === "Fields") {
        const oldFields = this.doc.resolve(oldDict?.entries.get(key), this.before) ?? null;
        const newFields = this.doc.resolve(newValue, this.revision) ?? null;
        this.compareGrowingArray(oldFields, newFields, "Fields");
      } else if (key === "NeedAppearances" && newValue === true) {
        this.fail("NeedAppearances set", "Une mise à jour demande au lecteur de redessiner les champs du formulaire.");
      }
    }
  }

  /** An array of fields or annotations may only gain the signed fields' own nodes. */
  private compareGrowingArray(oldValue: PdfObject | null, newValue: PdfObject | null, what: "Fields" | "Annots"): void {
    const oldItems = isArray(oldValue) ? oldValue.items : [];
    if (!isArray(newValue)) {
      if (oldItems.length > 0) this.fail(`${what} removed`, "Des champs ou des annotations ont été retirés du document.");
      return;
    }
    const newItems = newValue.items;
    const remaining = [...newItems];
    for (const item of oldItems) {
      const at = remaining.findIndex((candidate) => valuesClose(candidate, item));
      if (at < 0) {
        this.fail(`${what} lost an item`, "Des champs ou des annotations ont été retirés du document.");
        return;
      }
      remaining.splice(at, 1);
    }
    const signedNodes = new Set(this.signed.flatMap((f) => [...f.nodes]));
    for (const item of remaining) {
      if (isRef(item) && signedNodes.has(item.num)) continue;
      this.fail(`${what} gained ${isRef(item) ? item.num : "a direct object"}`, what === "Fields"
        ? "Un champ de formulaire qui ne porte aucune signature a été ajouté au document."
        : "Une annotation qui n'est pas une signature a été ajoutée sur une page.");
    }
  }

  private judgePage(num: number, oldDict: PdfDict | null, newDict: PdfDict | null): void {
    for (const key of changedKeys(oldDict, newDict)) {
      if (key !== "Annots") {
        this.fail(`page ${num} /${key} changed`, this.describeOld(num, "modifiée"));
        continue;
      }
      const oldAnnots = this.doc.resolve(oldDict?.entries.get(key), this.before) ?? null;
      const newAnnotsRef = newDict?.entries.get(key);
      if (isRef(newAnnotsRef) && this.doc.getObject(newAnnotsRef.num, this.before) !== null && !valuesClose(oldDict?.entries.get(key), newAnnotsRef)) {
        this.fail(`page ${num} /Annots points at an existing object`, this.describeOld(num, "modifiée"));
        continue;
      }
      this.compareGrowingArray(oldAnnots, this.doc.resolve(newAnnotsRef, this.revision) ?? null, "Annots");
    }
  }

  private isAnnotsArrayOfPage(num: number): boolean {
    for (const page of this.pageNumbers(this.before)) {
      const annots = this.doc.resolveDict(ref(page), this.before)?.entries.get("Annots");
      if (isRef(annots) && annots.num === num) return this.ownedWithin(num, new Set([page]));
    }
    return false;
  }

  private compareXmp(oldValue: PdfObject | null, newValue: PdfObject | null): void {
    if (!isStream(oldValue) || !isStream(newValue)) {
      if (isStream(oldValue) || isStream(newValue)) this.fail("XMP replaced by another kind of object", "Les métadonnées XMP du document ont été remplacées.");
      return;
    }
    const oldData = this.doc.tryDecodeStream(oldValue, this.before);
    const newData = this.doc.tryDecodeStream(newValue, this.revision);
    if (oldData && newData && bytesEqual(oldData, newData)) return;
    if (!oldData || !newData || !sameXmpProperties(latin1(oldData), latin1(newData))) {
      this.fail("XMP rewritten", "Les métadonnées XMP du document ont été réécrites (pas seulement leurs dates).");
    }
  }

  /** A stream that really serves as an object stream or a cross-reference stream in `revision`. */
  private isGenuineContainer(num: number, revision: number): boolean {
    const object = this.doc.getObject(num, revision);
    if (!object || !isStream(object.value)) return false;
    const type = nameValue(object.value.dict.entries.get("Type"));
    if (type === "XRef") {
      const start = object.location.type === "offset" ? object.location.start : -1;
      return this.doc.revisions.some((r) => r.xrefSpans.some(([from]) => from === start));
    }
    if (type !== "ObjStm") return false;
    for (let r = 0; r <= revision; r++) {
      for (const entry of this.doc.revisions[r].entries.values()) if (entry.type === "compressed" && entry.streamNum === num) return true;
    }
    return false;
  }

  private pageNumbers(revision: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    const walk = (node: PdfObject | undefined, depth: number) => {
      if (!isRef(node) || seen.has(node.num) || depth > 32 || out.length > 10_000) return;
      seen.add(node.num);
      const dict = this.doc.resolveDict(node, revision);
      if (!dict) return;
      const kids = this.doc.resolve(dict.entries.get("Kids"), revision);
      out.push(node.num);
      if (isArray(kids)) for (const kid of kids.items) walk(kid, depth + 1);
    };
    walk(this.doc.catalog(revision)?.entries.get("Pages"), 0);
    return out;
  }

  /** Page index (1-based) whose content, resources or annotations use each object of the previous revision. */
  private pagesOfOldObjects(): Map<number, number> {
    if (this.pageOf) return this.pageOf;
    const map = new Map<number, number>();
    const nodes = this.pageNumbers(this.before);
    const leaves = nodes.filter((num) => {
      const dict = this.doc.resolveDict(ref(num), this.before);
      return dict !== null && !dict.entries.has("Kids");
    });
    const stopAt = new Set(nodes);
    leaves.forEach((page, index) => {
      map.set(page, index + 1);
      const dict = this.doc.resolveDict(ref(page), this.before);
      for (const key of ["Contents", "Resources", "Annots"]) {
        const value = dict?.entries.get(key);
        const starts = isRef(value) ? [value.num] : [];
        if (isDict(value) || isArray(value)) for (const r of collectRefs(value)) starts.push(r);
        for (const num of this.oldGraph.reachableFrom(starts, stopAt)) if (!map.has(num)) map.set(num, index + 1);
      }
    });
    this.pageOf = map;
    return map;
  }

  private describeOld(num: number, what: "modifié" | "modifiée" | "supprimé"): string {
    const page = this.pagesOfOldObjects().get(num);
    if (page !== undefined) return `La page ${page} a été modifiée après la génération du document.`;
    return what === "supprimé"
      ? "Un élément du document a été supprimé par une mise à jour."
      : "Un élément du document a été modifié par une mise à jour qui n'est pas une signature.";
  }

  private describeNew(num: number): string {
    const dict = this.doc.resolveDict(ref(num), this.revision);
    if (dict && isName(dict.entries.get("FT"), "Sig") && !dict.entries.has("V")) {
      return "Un champ de signature vide a été ajouté par-dessus la page.";
    }
    if (dict && isName(dict.entries.get("Subtype"), "Widget")) return "Un champ de formulaire a été ajouté sur une page.";
    if (dict && isName(dict.entries.get("Type"), "Annot")) return "Une annotation a été ajoutée sur une page.";
    return "Une mise à jour ajoute au document des éléments qui n'appartiennent à aucune signature.";
  }
}

function ref(num: number): PdfObject {
  return { kind: "ref", num, gen: 0 };
}

function collectRefs(value: PdfObject): number[] {
  const out: number[] = [];
  const stack: PdfObject[] = [value];
  while (stack.length > 0 && out.length < 10_000) {
    const item = stack.pop() as PdfObject;
    if (isRef(item)) out.push(item.num);
    else if (isArray(item)) stack.push(...item.items);
    else if (isDict(item)) stack.push(...item.entries.values());
  }
  return out;
}

function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b) return a === b || (!a && b?.type === "free");
  return sameXrefEntry(a, b);
}

function changedKeys(a: PdfDict | null, b: PdfDict | null): string[] {
  const keys = new Set([...(a?.entries.keys() ?? []), ...(b?.entries.keys() ?? [])]);
  return [...keys].filter((key) => !valuesClose(a?.entries.get(key), b?.entries.get(key)));
}

function rectArea(value: PdfObject | undefined): number {
  if (!isArray(value) || value.items.length < 4) return 0;
  const [x1, y1, x2, y2] = value.items.map((v) => numberValue(v) ?? 0);
  return Math.abs((x2 - x1) * (y2 - y1));
}

/** Structural equality with numbers equal to 1e-3 (writers round coordinates differently). */
export function valuesClose(a: PdfObject | undefined, b: PdfObject | undefined): boolean {
  return objectsEqual(a, b, TOLERANCE);
}

/** XMP packets equal but for dates, producing tool and instance ids. */
function sameXmpProperties(a: string, b: string): boolean {
  return xmpProperties(a) === xmpProperties(b);
}

function xmpProperties(text: string): string {
  const out: string[] = [];
  const keep = (key: string, value: string) => {
    if (!XMP_VOLATILE.test(key)) out.push(`${key}=${decodeXmlText(value).trim()}`);
  };
  for (const match of text.matchAll(/<([\w-]+:[\w-]+)(\s[^>]*)?>([^<]*)<\/\1>/g)) keep(match[1], match[3]);
  for (const match of text.matchAll(/\s([\w-]+:[\w-]+)\s*=\s*"([^"]*)"/g)) keep(match[1], match[2]);
  for (const match of text.matchAll(/\s([\w-]+:[\w-]+)\s*=\s*'([^']*)'/g)) keep(match[1], match[2]);
  return out.sort().join("\n");
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
