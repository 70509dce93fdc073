export type Role = "host_admin" | "origin_staff";

/** The signed-in user every query and use-case is scoped by. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  schoolId: string;
  schoolName: string;
};
