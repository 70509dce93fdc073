export const DEMO_PASSWORD = "demo1234";

export type DemoSchool = {
  key: string;
  name: string;
  uai: string;
  city: string;
  address: string;
  isHost: boolean;
  isOrigin: boolean;
  headName: string;
  contactEmail: string | null;
};

export const demoSchools: DemoSchool[] = [
  { key: "lycee-demo", name: "Lycée Jean-Baptiste Say", uai: "0750001A", city: "Paris", address: "11 bis rue d'Auteuil, 75016 Paris", isHost: true, isOrigin: false, headName: "Mme Hélène Marchand", contactEmail: "ce.0750001a@lycee-demo.test" },
  { key: "lycee-autre", name: "Lycée Gustave Eiffel", uai: "0330002B", city: "Bordeaux", address: "143 cours de la Marne, 33800 Bordeaux", isHost: true, isOrigin: false, headName: "M. Olivier Garnier", contactEmail: "ce.0330002b@lycee-autre.test" },
  { key: "college-demo", name: "Collège Jean Moulin", uai: "0751003C", city: "Paris", address: "5 rue Bossuet, 75010 Paris", isHost: false, isOrigin: true, headName: "M. Karim Benali", contactEmail: "secretariat@college-demo.test" },
  { key: "college-2", name: "Collège Marie Curie", uai: "0751004D", city: "Paris", address: "21 rue Dorian, 75012 Paris", isHost: false, isOrigin: true, headName: "Mme Sophie Lefèvre", contactEmail: "ce.0751004d@college-curie.test" },
  { key: "college-3", name: "Collège Victor Hugo", uai: "0921005E", city: "Issy-les-Moulineaux", address: "8 rue Jules Guesde, 92130 Issy-les-Moulineaux", isHost: false, isOrigin: true, headName: "M. Étienne Rousseau", contactEmail: null },
  { key: "college-4", name: "Collège Jules Ferry", uai: "0931006F", city: "Montreuil", address: "4 avenue de la Résistance, 93100 Montreuil", isHost: false, isOrigin: true, headName: "Mme Nadia Haddad", contactEmail: "ce.0931006f@college-ferry.test" },
  { key: "college-5", name: "Collège Simone Veil", uai: "0941007G", city: "Vincennes", address: "30 rue de Fontenay, 94300 Vincennes", isHost: false, isOrigin: true, headName: "M. François Petit", contactEmail: "ce.0941007g@college-veil.test" },
  { key: "college-6", name: "Collège Louise Michel", uai: "0331008H", city: "Bordeaux", address: "2 rue Lafontaine, 33000 Bordeaux", isHost: false, isOrigin: true, headName: "Mme Claire Dubois", contactEmail: "ce.0331008h@college-michel.test" },
];

export const demoUsers = [
  { email: "admin@lycee-demo.test", name: "Catherine Moreau", role: "host_admin" as const, school: "lycee-demo" },
  { email: "secretariat@college-demo.test", name: "Julien Fontaine", role: "origin_staff" as const, school: "college-demo" },
  { email: "admin@lycee-autre.test", name: "Thomas Lambert", role: "host_admin" as const, school: "lycee-autre" },
  { email: "secretariat@college-curie.test", name: "Amélie Girard", role: "origin_staff" as const, school: "college-2" },
];

export const formations = [
  "Bac pro Métiers de l'électricité et de ses environnements connectés",
  "Bac pro Commerce et vente",
  "Bac pro Accompagnement, soins et services à la personne",
  "Bac pro Cuisine",
  "Bac pro Maintenance des véhicules",
  "CAP Boulanger",
  "Bac pro Gestion-administration",
  "Seconde générale et technologique — option Sciences de l'ingénieur",
  "Bac pro Systèmes numériques",
  "CAP Coiffure",
];

export const teachers = [
  "M. Patrick Roux", "Mme Isabelle Fournier", "M. Laurent Mercier", "Mme Valérie Bonnet",
  "M. David Chevalier", "Mme Anne-Sophie Blanc", "M. Yannick Le Goff", "Mme Fatima Ait Ali",
];

export const places = ["Atelier B12", "Salle 204", "Laboratoire de sciences", "Restaurant d'application", "Salle informatique C3", "Plateau technique"];

export const lastNames = [
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
  "Simon", "Laurent", "Lefèbvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
  "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
  "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
  "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
  "Nguyen", "Diallo", "Benali", "Haddad", "Kone", "Traoré", "Le Gall", "Ménard", "Éloi", "Côté",
];

/** Guardians' first names by civility, so that « Mme » never precedes a man's first name. */
export const guardianFirstNames = {
  Mme: ["Isabelle", "Nathalie", "Sandrine", "Céline", "Aurélie", "Karima", "Sophie", "Hélène", "Amina", "Émilie", "Virginie", "Linh"],
  "M.": ["Louis", "Thomas", "Nicolas", "Karim", "Julien", "Sébastien", "Olivier", "Mehdi", "Frédéric", "Éric", "Stéphane", "Minh"],
} as const;

export const firstNames = [
  "Léa", "Emma", "Chloé", "Inès", "Jade", "Louise", "Zoé", "Manon", "Camille", "Sarah",
  "Lucas", "Hugo", "Louis", "Nathan", "Gabriel", "Jules", "Adam", "Raphaël", "Arthur", "Mathéo",
  "Yanis", "Noah", "Éloïse", "Anaïs", "Maël", "Théo", "Célia", "Aïcha", "Léon", "Mohamed",
];

export const classNames = ["3e A", "3e B", "3e C", "3e D", "3e Prépa-métiers", "4e A"];
