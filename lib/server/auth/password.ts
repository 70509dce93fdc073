import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the e-mail is unknown, so both failures take the same time.
const decoyHash = bcrypt.hashSync("mot-de-passe-leurre", COST);

export function spendPasswordCheck(password: string): Promise<boolean> {
  return bcrypt.compare(password, decoyHash);
}
