/** "DUPONT Léa": how every page and mail names a pupil. */
export function formatStudentName(lastName: string, firstName: string): string {
  return `${lastName.toUpperCase()} ${firstName}`;
}
