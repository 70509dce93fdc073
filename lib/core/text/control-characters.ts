// C0 and C1 controls and DEL; PostgreSQL refuses NUL in text outright, and none of them belongs in a name.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;
const CONTROL_CHARACTERS_ALL = /[\u0000-\u001f\u007f-\u009f]/gu;
// Tab, line feed and carriage return are what a multi-line text box legitimately sends.
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

export const CONTROL_CHARACTERS_MESSAGE = "Ce texte contient un caractère invisible non autorisé : retapez-le.";

/** True when the text holds a control character (NUL, escape…); `allowLineBreaks` lets tab, LF and CR through. */
export function hasControlCharacters(value: string, { allowLineBreaks = false }: { allowLineBreaks?: boolean } = {}): boolean {
  return (allowLineBreaks ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL_CHARACTERS).test(value);
}

/** Replaces every control character with a space, for text where dropping them is harmless (search, file names). */
export function replaceControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS_ALL, " ");
}
