import type { ModificationsAfter } from "./analysis-types";
import { sameXrefEntry, type PdfDocument, type XrefEntry } from "./pdf-document";
import {
  dictOf,
  isArray,
  isName,
  isRef,
  nameValue,
  objectsEqual,
  type PdfArray,
  type PdfDict,
  type PdfObject,
} from "./pdf-objects";

const LEVEL_RANK: Record<ModificationsAfter, number> = { none: 0, signatures: 1, "form-filling": 2, other: 3 };

export function maxLevel(a: ModificationsAfter, b: ModificationsAfter): ModificationsAfter {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

export interface RevisionJudgement {
  level: ModificationsAfter;
  /** Short technical notes (English) explaining the level; for logs and tests. */
  reasons: string[];
}

interface FieldRole {
  type: string | null;
  isSigned: boolean;
}

interface RevisionRoles {
  catalogNum: number | null;
  infoNum: number | null;
  acroFormNum: number | null;
  fieldsArrayNum: number | null;
  metadataNum: number | null;
  pageTreeNums: Set<number>;
  annotsArrayNums: Set<number>;
  annotationNums: Set<number>;
  widgetFieldType: Map<number, string | null>;
  fields: Map<number, FieldRole>;
  signatureValueNums: Set<number>;
  signatureAppearanceNums: Set<number>;
  appearanceNums: Set<number>;
  pageContentNums: Set<number>;
  dssNums: Set<number>;
  formResourceNums: Set<number>;
}

const SKIPPED_KEYS = new Set(["Parent", "P"]);

function collectReachable(doc: PdfDocument, revision: number, start: PdfObject | undefined, into: Set<number>, dangling?: Set<number>): void {
  const stack: PdfObject[] = start === undefined ? [] : [start];
  let steps = 0;
  while (stack.length > 0 && steps++ < 200_000) {
    const value = stack.pop() as PdfObject;
    if (value === null || typeof value !== "object") continue;
    if (value.kind === "ref") {
      if (into.has(value.num)) continue;
      const object = doc.getObject(value.num, revision);
      if (!object) {
        dangling?.add(value.num);
        continue;
      }
      into.add(value.num);
      stack.push(object.value);
    } else if (value.kind === "array") stack.push(...value.items);
    else if (value.kind === "dict" || value.kind === "stream") {
      const dict = value.kind === "dict" ? value : value.dict;
      for (const [key, item] of dict.entries) if (!dangling ? !SKIPPED_KEYS.has(key) : true) stack.push(item);
    }
  }
}

function collectRoles(doc: PdfDocument, revision: number): RevisionRoles {
  const roles: RevisionRoles = {
    catalogNum: null,
    infoNum: null,
    acroFormNum: null,
    fieldsArrayNum: null,
    metadataNum: null,
    pageTreeNums: new Set(),
    annotsArrayNums: new Set(),
    annotationNums: new Set(),
    widgetFieldType: new Map(),
    fields: new Map(),
    signatureValueNums: new Set(),
    signatureAppearanceNums: new Set(),
    appearanceNums: new Set(),
    pageContentNums: new Set(),
    dssNums: new Set(),
    formResourceNums: new Set(),
  };
  const trailer = doc.revisions[revision].trailer;
  const root = trailer.entries.get("Root");
  const info = trailer.entries.get("Info");
  if (isRef(root)) roles.catalogNum = root.num;
  if (isRef(info)) roles.infoNum = info.num;
  const catalog = doc.catalog(revision);
  if (!catalog) return roles;
  const metadata = catalog.entries.get("Metadata");
  if (isRef(metadata)) roles.metadataNum = metadata.num;
  const dss = catalog.entries.get("DSS");
  if (isRef(dss)) roles.dssNums.add(dss.num);
  collectReachable(doc, revision, doc.resolve(dss, revision) ?? undefined, roles.dssNums);

  const collectAppearance = (annotation: PdfDict, isSignature: boolean) => {
    const ap = annotation.entries.get("AP");
    const target = isSignature ? roles.signatureAppearanceNums : roles.appearanceNums;
    if (isRef(ap)) target.add(ap.num);
    collectReachable(doc, revision, doc.resolve(ap, revision) ?? undefined, target);
  };

  // Page tree: nodes, their content and resources, their annotations.
  const pageStack: PdfObject[] = [catalog.entries.get("Pages") ?? null];
  const pageAnnotations: PdfObject[] = [];
  while (pageStack.length > 0 && roles.pageTreeNums.size < 100_000) {
    const node = pageStack.pop() as PdfObject;
    if (isRef(node)) {
      if (roles.pageTreeNums.has(node.num)) continue;
      roles.pageTreeNums.add(node.num);
    }
    const dict = doc.resolveDict(node, revision);
    if (!dict) continue;
    for (const key of ["Contents", "Resources"]) {
      const value = dict.entries.get(key);
      if (isRef(value)) roles.pageContentNums.add(value.num);
      collectReachable(doc, revision, doc.resolve(value, revision) ?? undefined, roles.pageContentNums);
    }
    const kids = doc.resolve(dict.entries.get("Kids"), revision);
    if (isArray(kids)) pageStack.push(...kids.items);
    const annots = dict.entries.get("Annots");
    if (isRef(annots)) roles.annotsArrayNums.add(annots.num);
    const annotArray = doc.resolve(annots, revision);
    if (isArray(annotArray)) pageAnnotations.push(...annotArray.items);
  }

  const acroFormRef = catalog.entries.get("AcroForm");
  if (isRef(acroFormRef)) roles.acroFormNum = acroFormRef.num;
  const acroForm = doc.resolveDict(acroFormRef, revision);
  const fieldsRef = acroForm?.entries.get("Fields");
  if (isRef(fieldsRef)) roles.fieldsArrayNum = fieldsRef.num;
  const fields = doc.resolve(fieldsRef, revision);
  const formResources = acroForm?.entries.get("DR");
  if (isRef(formResources)) roles.formResourceNums.add(formResources.num);
  collectReachable(doc, revision, doc.resolve(formResources, revision) ?? undefined, roles.formResourceNums);
  const visit = (value: PdfObject, inheritedType: string | null, depth: number) => {
    if (depth > 32 || !isRef(value) || roles.fields.has(value.num) || roles.widgetFieldType.has(value.num)) return;
    const dict = doc.resolveDict(value, revision);
    if (!dict) return;
    const type = nameValue(dict.entries.get("FT")) ?? inheritedType;
    const isField = dict.entries.has("T") || dict.entries.has("FT") || depth === 0;
    if (isField) {
      const v = dict.entries.get("V");
      roles.fields.set(value.num, { type, isSigned: type === "Sig" && v !== undefined });
      if (type === "Sig" && isRef(v)) roles.signatureValueNums.add(v.num);
    }
    if (isName(dict.entries.get("Subtype"), "Widget")) {
      roles.widgetFieldType.set(value.num, type);
      collectAppearance(dict, type === "Sig");
    }
    const kids = doc.resolve(dict.entries.get("Kids"), revision);
    if (isArray(kids)) for (const kid of kids.items) visit(kid, type, depth + 1);
  };
  if (isArray(fields)) for (const field of fields.items) visit(field, null, 0);

  for (const annotation of pageAnnotations) {
    if (!isRef(annotation)) continue;
    roles.annotationNums.add(annotation.num);
    const dict = doc.resolveDict(annotation, revision);
    if (dict && !roles.widgetFieldType.has(annotation.num)) {
      if (isName(dict.entries.get("Subtype"), "Widget")) roles.widgetFieldType.set(annotation.num, fieldTypeOfWidget(doc, revision, dict));
      collectAppearance(dict, roles.widgetFieldType.get(annotation.num) === "Sig");
    }
  }
  return roles;
}

function fieldTypeOfWidget(doc: PdfDocument, revision: number, widget: PdfDict): string | null {
  let current: PdfDict | null = widget;
  for (let i = 0; i < 32 && current; i++) {
    const type = nameValue(current.entries.get("FT"));
    if (type) return type;
    current = doc.resolveDict(current.entries.get("Parent"), revision);
  }
  return null;
}

function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b) return a === b;
  return sameXrefEntry(a, b);
}

function changedKeys(oldDict: PdfDict | null, newDict: PdfDict | null): string[] {
  const keys = new Set([...(oldDict?.entries.keys() ?? []), ...(newDict?.entries.keys() ?? [])]);
  return [...keys].filter((key) => !objectsEqual(oldDict?.entries.get(key), newDict?.entries.get(key)));
}

class RevisionComparison {
  readonly reasons: string[] = [];
  level: ModificationsAfter = "none";
  private rolesOld: RevisionRoles;
  private rolesNew: RevisionRoles;
  private referencedOld: Set<number> | null = null;
  private danglingOld = new Set<number>();

  constructor(
    private readonly doc: PdfDocument,
    private readonly revision: number,
  ) {
    this.rolesOld = collectRoles(doc, revision - 1);
    this.rolesNew = collectRoles(doc, revision);
  }

  raise(level: ModificationsAfter, reason: string): void {
    this.level = maxLevel(this.level, level);
    if (level !== "none" && this.reasons.length < 50) this.reasons.push(`${level}: ${reason}`);
  }

  private resolveOld(value: PdfObject | undefined): PdfObject | undefined {
    return this.doc.resolve(value, this.revision - 1);
  }

  private resolveNew(value: PdfObject | undefined): PdfObject | undefined {
    return this.doc.resolve(value, this.revision);
  }

  private isDangling(num: number): boolean {
    if (!this.referencedOld) {
      this.referencedOld = new Set();
      const trailer = this.doc.revisions[this.revision - 1].trailer;
      collectReachable(this.doc, this.revision - 1, trailer, this.referencedOld, this.danglingOld);
    }
    return this.danglingOld.has(num);
  }

  run(): void {
    const doc = this.doc;
    const rev = doc.revisions[this.revision];
    const changed = new Set<number>();
    for (const [num, entry] of rev.entries) {
      const previous = doc.findEntry(num, this.revision - 1)?.entry;
      if (sameEntry(previous, entry) || (!previous && entry.type === "free")) continue;
      if (entry.type === "offset") {
        if (entry.offset < rev.start || entry.offset >= rev.end) {
          this.raise("other", `xref entry ${num} points outside its own revision`);
          continue;
        }
        if (!doc.getObject(num, this.revision)) {
          this.raise("other", `xref entry ${num} does not point at object ${num}`);
          continue;
        }
      } else if (entry.type === "compressed") {
        const container = rev.entries.get(entry.streamNum);
        if (!container || container.type !== "offset") {
          this.raise("other", `object ${num} is taken from an object stream of an earlier revision`);
          continue;
        }
      }
      changed.add(num);
    }
    // Objects left in an object stream that this revision rewrites change without an xref entry of their own.
    const rewrittenContainers = new Set([...changed].filter((num) => doc.findEntry(num, this.revision - 1)?.entry.type === "offset"));
    if (rewrittenContainers.size > 0) {
      for (let r = 0; r < this.revision; r++) {
        for (const [num, entry] of doc.revisions[r].entries) {
          if (entry.type === "compressed" && rewrittenContainers.has(entry.streamNum) && !rev.entries.has(num)) {
            if (doc.findEntry(num, this.revision - 1)?.revision === r) changed.add(num);
          }
        }
      }
    }
    this.compareTrailer();
    for (const num of changed) this.judgeObject(num);
  }

  private compareTrailer(): void {
    const oldTrailer = this.doc.revisions[this.revision - 1].trailer;
    const newTrailer = this.doc.revisions[this.revision].trailer;
    const oldCatalog = this.doc.catalog(this.revision - 1);
    const newCatalog = this.doc.catalog(this.revision);
    if (!newCatalog) return this.raise("other", "catalog missing");
    this.compareCatalog(oldCatalog, newCatalog);
    const oldInfo = this.doc.resolveDict(oldTrailer.entries.get("Info"), this.revision - 1);
    const newInfo = this.doc.resolveDict(newTrailer.entries.get("Info"), this.revision);
    this.compareInfo(oldInfo, newInfo);
    if (!objectsEqual(oldTrailer.entries.get("Encrypt"), newTrailer.entries.get("Encrypt"))) {
      this.raise("other", "encryption changed");
    }
  }

  private compareCatalog(oldCatalog: PdfDict | null, newCatalog: PdfDict): void {
    for (const key of changedKeys(oldCatalog, newCatalog)) {
      const oldValue = oldCatalog?.entries.get(key);
      const newValue = newCatalog.entries.get(key);
      if (key === "AcroForm") {
        if (isRef(oldValue) && isRef(newValue) && oldValue.num === newValue.num) continue;
        this.compareAcroForm(dictOf(this.resolveOld(oldValue)), dictOf(this.resolveNew(newValue)));
      } else if (key === "DSS" || key === "Extensions" || key === "Version" || key === "Metadata") {
        this.raise("signatures", `catalog /${key} updated`);
      } else this.raise("other", `catalog /${key} changed`);
    }
  }

  private compareInfo(oldInfo: PdfDict | null, newInfo: PdfDict | null): void {
    for (const key of changedKeys(oldInfo, newInfo)) {
      if (key === "ModDate" || key === "Producer" || key === "Creator") this.raise("signatures", `Info /${key} updated`);
      else this.raise("other", `Info /${key} changed`);
    }
  }

  private compareAcroForm(oldForm: PdfDict | null, newForm: PdfDict | null): void {
    for (const key of changedKeys(oldForm, newForm)) {
      const oldValue = oldForm?.entries.get(key);
      const newValue = newForm?.entries.get(key);
      if (key === "Fields") {
        if (isRef(oldValue) && isRef(newValue) && oldValue.num === newValue.num) continue;
        const oldFields = this.resolveOld(oldValue);
        this.compareAddedItems(isArray(oldFields) ? oldFields : null, this.resolveNew(newValue), "field");
      } else if (key === "SigFlags" || key === "DR" || key === "DA") this.raise("signatures", `AcroForm /${key} updated`);
      else if (key === "NeedAppearances") this.raise("form-filling", "AcroForm /NeedAppearances updated");
      else this.raise("other", `AcroForm /${key} changed`);
    }
  }

  /** An array of fields or annotations may only grow; what it gains decides the level. */
  private compareAddedItems(oldArray: PdfArray | null, newValue: PdfObject | undefined, what: "field" | "annotation"): void {
    if (!isArray(newValue)) {
      if (oldArray && oldArray.items.length > 0) this.raise("other", `${what} list removed`);
      return;
    }
    const oldNums = new Set((oldArray?.items ?? []).filter(isRef).map((ref) => ref.num));
    const newNums = new Set(newValue.items.filter(isRef).map((ref) => ref.num));
    for (const num of oldNums) if (!newNums.has(num)) this.raise("other", `${what} ${num} removed`);
    if ((oldArray?.items ?? []).some((item) => !isRef(item)) || newValue.items.some((item) => !isRef(item))) {
      if (!objectsEqual(oldArray?.items.filter((i) => !isRef(i)) as never, newValue.items.filter((i) => !isRef(i)) as never)) {
        this.raise("other", `direct ${what} objects changed`);
      }
    }
    for (const num of newNums) {
      if (oldNums.has(num)) continue;
      const existedBefore = this.doc.getObject(num, this.revision - 1) !== null;
      const isKnownAnnotation = what === "annotation" && this.rolesOld.annotationNums.has(num);
      if (existedBefore && !isKnownAnnotation && !(what === "annotation" && this.rolesOld.widgetFieldType.has(num))) {
        this.raise("other", `existing object ${num} attached as a new ${what}`);
        continue;
      }
      const dict = this.doc.resolveDict({ kind: "ref", num, gen: 0 }, this.revision);
      if (!dict) continue;
      const isWidget = isName(dict.entries.get("Subtype"), "Widget");
      const type = what === "field" ? fieldTypeOfWidget(this.doc, this.revision, dict) : isWidget ? fieldTypeOfWidget(this.doc, this.revision, dict) : null;
      if (type === "Sig") this.raise("signatures", `signature ${what} ${num} added`);
      else if (what === "annotation" && !isWidget) this.raise("form-filling", `annotation ${num} (${nameValue(dict.entries.get("Subtype"))}) added`);
      else this.raise("form-filling", `form ${what} ${num} added`);
    }
  }

  private judgeObject(num: number): void {
    const doc = this.doc;
    const oldObject = doc.getObject(num, this.revision - 1);
    const newObject = doc.getObject(num, this.revision);
    const oldValue = oldObject?.value ?? null;
    const newValue = newObject?.value ?? null;
    if (objectsEqual(oldValue, newValue)) return;
    const oldType = nameValue(dictOf(oldValue)?.entries.get("Type"));
    const newType = nameValue(dictOf(newValue)?.entries.get("Type"));
    if (oldValue === null) {
      if (this.isDangling(num)) this.raise("other", `object ${num} fills a reference that used to be empty`);
      return;
    }
    if (newValue === null) {
      if (oldType === "ObjStm" || oldType === "XRef") return;
      return this.raise("other", `object ${num} deleted`);
    }
    const roles = this.rolesOld;
    if (roles.signatureValueNums.has(num)) return this.raise("other", `signature dictionary ${num} changed`);
    if (num === roles.catalogNum || num === this.rolesNew.catalogNum) return;
    if (num === roles.infoNum || num === this.rolesNew.infoNum) return;
    if ((oldType === "ObjStm" || oldType === "XRef") && (newType === "ObjStm" || newType === "XRef")) return;
    if (roles.pageTreeNums.has(num)) return this.judgePageNode(num, dictOf(oldValue), dictOf(newValue));
    if (roles.annotsArrayNums.has(num)) {
      return this.compareAddedItems(isArray(oldValue) ? oldValue : null, newValue, "annotation");
    }
    if (num === roles.fieldsArrayNum) return this.compareAddedItems(isArray(oldValue) ? oldValue : null, newValue, "field");
    if (num === roles.acroFormNum) return this.compareAcroForm(dictOf(oldValue), dictOf(newValue));
    if (roles.pageContentNums.has(num)) return this.raise("other", `page content or resource ${num} changed`);
    const field = roles.fields.get(num);
    if (field) return this.judgeField(num, field, dictOf(oldValue), dictOf(newValue));
    if (roles.widgetFieldType.has(num)) {
      const isSignature = roles.widgetFieldType.get(num) === "Sig";
      return this.judgeWidgetKeys(num, isSignature, changedKeys(dictOf(oldValue), dictOf(newValue)));
    }
    if (roles.annotationNums.has(num)) return this.raise("form-filling", `annotation ${num} modified`);
    if (roles.signatureAppearanceNums.has(num) || roles.appearanceNums.has(num)) {
      if (this.rolesNew.signatureAppearanceNums.has(num)) return this.raise("signatures", `signature appearance ${num} updated`);
      return this.raise("form-filling", `appearance stream ${num} updated`);
    }
    if (roles.dssNums.has(num)) return this.raise("signatures", `DSS object ${num} updated`);
    if (roles.formResourceNums.has(num)) return this.raise("signatures", `form default resource ${num} updated`);
    if (num === roles.metadataNum) return this.raise("signatures", "XMP metadata updated");
    this.raise("other", `object ${num}${oldType ? ` (/${oldType})` : ""} changed`);
  }

  private judgePageNode(num: number, oldDict: PdfDict | null, newDict: PdfDict | null): void {
    for (const key of changedKeys(oldDict, newDict)) {
      if (key !== "Annots") {
        this.raise("other", `page tree node ${num} /${key} changed`);
        continue;
      }
      const oldAnnots = this.resolveOld(oldDict?.entries.get("Annots"));
      this.compareAddedItems(isArray(oldAnnots) ? oldAnnots : null, this.resolveNew(newDict?.entries.get("Annots")), "annotation");
    }
  }

  private judgeField(num: number, field: FieldRole, oldDict: PdfDict | null, newDict: PdfDict | null): void {
    const keys = changedKeys(oldDict, newDict);
    if (field.type === "Sig") {
      if (field.isSigned) return this.raise("other", `signed field ${num} changed (${keys.join(",")})`);
      const widgetKeys = keys.filter((key) => key !== "V");
      if (keys.includes("V")) this.raise("signatures", `signature field ${num} signed`);
      return this.judgeWidgetKeys(num, true, widgetKeys);
    }
    if (keys.includes("Kids")) {
      const oldKids = this.resolveOld(oldDict?.entries.get("Kids"));
      this.compareAddedItems(isArray(oldKids) ? oldKids : null, this.resolveNew(newDict?.entries.get("Kids")), "field");
    }
    for (const key of keys) {
      if (key === "V" || key === "AS" || key === "AP") this.raise("form-filling", `field ${num} /${key} filled`);
      else if (key !== "Kids") this.raise("other", `field ${num} /${key} changed`);
    }
  }

  private judgeWidgetKeys(num: number, isSignature: boolean, keys: string[]): void {
    for (const key of keys) {
      if (key === "AP" || key === "AS" || key === "MK" || key === "M") this.raise(isSignature ? "signatures" : "form-filling", `widget ${num} /${key} updated`);
      else if (isSignature && (key === "F" || key === "Lock" || key === "SV" || key === "DA" || key === "DR")) {
        this.raise("signatures", `signature widget ${num} /${key} updated`);
      } else this.raise("other", `widget ${num} /${key} changed`);
    }
  }
}

/** Judges what revision `revision` changed compared with the revision before it (reject by default). */
export function judgeRevision(doc: PdfDocument, revision: number): RevisionJudgement {
  if (revision <= 0 || revision >= doc.revisions.length) return { level: "none", reasons: [] };
  const comparison = new RevisionComparison(doc, revision);
  comparison.run();
  return { level: comparison.level, reasons: comparison.reasons };
}
